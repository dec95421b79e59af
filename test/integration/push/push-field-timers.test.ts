// Issue #14's field timers for a push VEN, over a controlled clock that also drives the push wake timer: an
// unacknowledged report request is pushed again as oadrCreateReport, and a VTN-initiated cancellation is pushed
// again until confirmed, then the VEN is retired after the grace — each exactly when due, never before.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { startTestVtn, TestClock, type RunningTestVtn } from '../../helpers/start-vtn.js';
import { reportRequestsOf, responseCode, TestVen } from '../../helpers/test-ven.js';
import { PushVen, fieldVen, type Responder } from '../../helpers/push-ven.js';
import { expectValidOadr } from '../../helpers/xsd.js';

const POLL = 10_000; // default PT10S: report fallback after 20 s, cancellation re-sent every 5 s, grace 30 s

const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c();
});

async function start(venName: string, responder: Responder = fieldVen): Promise<{ vtn: RunningTestVtn; ven: PushVen; venId: string; clock: TestClock; settled(): Promise<void> }> {
  const clock = new TestClock();
  const vtn = await startTestVtn({ clock, timers: clock.timers, push: { allowLoopback: true } });
  cleanup.push(() => vtn.close());
  vtn.vtn.addHandler('onRegisterReport', (o) => (o.measurement === 'powerReal' ? { samplingInterval: 'PT1M' } : undefined));
  const ven = await PushVen.start({ client: new TestVen({ baseUrl: vtn.baseUrl, venName }), responder });
  cleanup.push(() => ven.close());
  expect(responseCode(await ven.register())).toBe('200');
  // The pusher is idle (its next wake-up, if any, is on the clock): only advancing the clock can push more.
  const settled = () => vi.waitFor(() => expect(vtn.vtn.pusher!.backlog).toEqual({ queued: 0, inFlight: 0 }));
  // The field VEN refuses the VTN's oadrRegisterReport; that kind waits for a poll from now on.
  await vi.waitFor(async () => expect((await vtn.vtn.push.status(ven.client.venId!))?.refused).toEqual(['registerReport']));
  await settled();
  return { vtn, ven, venId: ven.client.venId!, clock, settled };
}

describe('field timers for a push VEN (controlled clock)', () => {
  it('a report request ignored in oadrRegisteredReport is pushed as oadrCreateReport two poll periods later, not a millisecond before', async () => {
    const { vtn, ven, venId, clock, settled } = await start('push-fallback');
    const registered = await ven.client.registerReports();
    const [request] = reportRequestsOf(registered);
    expect(request).toBeDefined();
    await settled();
    expect(ven.all('oadrCreateReport')).toHaveLength(0);

    clock.advance(2 * POLL - 1);
    expect(vtn.vtn.pusher!.backlog).toEqual({ queued: 0, inFlight: 0 });
    expect(ven.all('oadrCreateReport')).toHaveLength(0);
    clock.advance(1);
    await vi.waitFor(() => expect(ven.all('oadrCreateReport')).toHaveLength(1));
    const pushed = ven.all('oadrCreateReport')[0]!;
    expect(pushed.service).toBe('EiReport');
    await expectValidOadr(pushed.body);
    expect(reportRequestsOf(pushed.parsed).map((q) => q.reportRequestId)).toEqual([request!.reportRequestId]);
    // The field VEN answers it in the HTTP response with oadrCreatedReport: acknowledged via the fallback.
    await vi.waitFor(async () => expect((await vtn.vtn.listReportSubscriptions(venId))[0]).toMatchObject({
      state: 'created', acknowledgedVia: 'createReport', attempts: 2, lastSentVia: 'createReport', lastSentAt: clock.now().toISOString(),
    }));
    await settled();
    // Acknowledged: nothing is pushed again, however long the clock runs.
    clock.advance(60 * POLL);
    await settled();
    expect(ven.all('oadrCreateReport')).toHaveLength(1);
  });

  // The step after a push that took all there was only settles it: the wake-up set from the claim's event
  // list must survive it, or the event going active would wait for some unrelated change.
  it('an event pushed ahead is pushed again when it goes active, with no write in between', async () => {
    const { vtn, ven, clock, settled } = await start('push-status-change');
    const startsIn = 60 * 60_000;
    await vtn.vtn.addEvent({ venIds: [ven.client.venId!], signalName: 'SIMPLE', signalType: 'level', intervals: [{ dtstart: new Date(clock.now().getTime() + startsIn), duration: 'PT1H', payload: 1 }] });
    await vi.waitFor(() => expect(ven.createdEventReplies).toHaveLength(1));
    await settled();
    expect(ven.all('oadrDistributeEvent').map((m) => /eventStatus>(\w+)</.exec(m.body)?.[1])).toEqual(['far']);
    clock.advance(startsIn - 1);
    await settled();
    expect(ven.all('oadrDistributeEvent')).toHaveLength(1);
    clock.advance(1);
    await vi.waitFor(() => expect(ven.all('oadrDistributeEvent')).toHaveLength(2));
    expect(/eventStatus>(\w+)</.exec(ven.all('oadrDistributeEvent')[1]!.body)?.[1]).toBe('active');
    await vi.waitFor(() => expect(ven.createdEventReplies).toHaveLength(2));
    await settled();
  });

  it('a cancellation the VEN takes but never confirms is pushed again every half poll period and the VEN is retired when the grace is over', async () => {
    const takesCancel: Responder = (m, self) => (m.type === 'oadrCancelPartyRegistration' ? { status: 200 } : fieldVen(m, self));
    const { vtn, ven, venId, clock, settled } = await start('push-never-confirms', takesCancel);
    const registrationId = ven.client.registrationId;
    await vtn.vtn.cancelRegistration(venId);
    await vi.waitFor(() => expect(ven.all('oadrCancelPartyRegistration')).toHaveLength(1));
    await expectValidOadr(ven.all('oadrCancelPartyRegistration')[0]!.body);
    await settled();
    for (let sends = 2; sends <= 3; sends++) {
      clock.advance(POLL / 2 - 1);
      expect(vtn.vtn.pusher!.backlog).toEqual({ queued: 0, inFlight: 0 });
      expect(ven.all('oadrCancelPartyRegistration')).toHaveLength(sends - 1);
      clock.advance(1);
      await vi.waitFor(() => expect(ven.all('oadrCancelPartyRegistration')).toHaveLength(sends));
      await settled();
    }
    expect(ven.all('oadrCancelPartyRegistration').every((m) => m.body.includes(`>${registrationId}<`))).toBe(true);
    expect(await vtn.vtn.cancellation(venId)).toMatchObject({ sends: 3 });

    // Still registered one millisecond before the grace ends; retired by the sweep at its end.
    clock.set(new Date(Date.parse('2026-06-01T12:00:00Z') + 3 * POLL - 1));
    await settled();
    expect(await vtn.vtn.sweepCancellations()).toBe(0);
    expect(await vtn.vtn.getVen(venId)).toBeDefined();
    clock.advance(1);
    await settled();
    expect(await vtn.vtn.sweepCancellations()).toBe(1);
    expect(await vtn.vtn.getVen(venId)).toBeUndefined();
    expect((await vtn.vtn.listRetiredVens({ venId }))[0]).toMatchObject({ retiredBy: 'grace', venName: 'push-never-confirms' });
  });

  it('a cancellation confirmed after its second push retires the VEN at once; nothing is pushed after', async () => {
    const takesCancel: Responder = (m, self) => (m.type === 'oadrCancelPartyRegistration' ? { status: 200 } : fieldVen(m, self));
    const { vtn, ven, venId, clock, settled } = await start('push-confirms-late', takesCancel);
    await vtn.vtn.cancelRegistration(venId);
    await vi.waitFor(() => expect(ven.all('oadrCancelPartyRegistration')).toHaveLength(1));
    await settled();
    clock.advance(POLL / 2);
    await vi.waitFor(() => expect(ven.all('oadrCancelPartyRegistration')).toHaveLength(2));
    await settled();
    const second = ven.all('oadrCancelPartyRegistration')[1]!;
    expect(responseCode(await ven.client.answerCanceledPartyRegistration(second.parsed))).toBe('200');
    expect(await vtn.vtn.getVen(venId)).toBeUndefined();
    expect((await vtn.vtn.listRetiredVens({ venId }))[0]).toMatchObject({ retiredBy: 'confirmed', cancelSends: 2, retiredAt: clock.now().toISOString() });
    clock.advance(10 * POLL);
    await settled();
    expect(ven.all('oadrCancelPartyRegistration')).toHaveLength(2);
  });
});
