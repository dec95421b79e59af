// A push-mode VEN (its own HTTP server on loopback, behaving like the field VEN of issue #14) through
// registration, an event, an opt, reports and cancellation, with the VTN never waiting for a poll.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { startTestVtn, type RunningTestVtn } from '../../helpers/start-vtn.js';
import { TestVen, responseCode } from '../../helpers/test-ven.js';
import { PushVen } from '../../helpers/push-ven.js';
import { expectValidOadr } from '../../helpers/xsd.js';
import * as X from '../../helpers/ven-xml/index.js';

let vtn: RunningTestVtn | undefined;
let ven: PushVen | undefined;
afterEach(async () => {
  await ven?.close();
  await vtn?.close();
  ven = vtn = undefined;
});

async function pushVtnAndVen(name: string): Promise<{ vtn: RunningTestVtn; ven: PushVen; venId: string }> {
  vtn = await startTestVtn({ push: { allowLoopback: true } });
  ven = await PushVen.start({ client: new TestVen({ baseUrl: vtn.baseUrl, venName: name }) });
  const reply = await ven.register();
  expect(responseCode(reply)).toBe('200');
  return { vtn, ven, venId: ven.client.venId! };
}

describe('HTTP push to a field push VEN', () => {
  it('registers in push mode; the refused oadrRegisterReport waits for a poll, the event is pushed and its later oadrCreatedEvent is recorded', async () => {
    const { vtn, ven, venId } = await pushVtnAndVen('push-field');
    expect(await vtn.vtn.getVen(venId)).toMatchObject({ httpPullModel: false, transportAddress: ven.transportAddress });
    // The VTN's own oadrRegisterReport goes to EiReport; the field VEN accepts only report requests there.
    await vi.waitFor(async () => expect((await vtn.vtn.push.status(venId))?.refused).toEqual(['registerReport']));
    expect(ven.all('oadrRegisterReport')).toHaveLength(1);
    expect(ven.received[0]!.service).toBe('EiReport');

    const handle = await vtn.vtn.addEvent({ venIds: [venId], signalName: 'SIMPLE', signalType: 'level', intervals: [{ dtstart: new Date(vtn.clock.now().getTime() + 3_600_000), duration: 'PT1H', payload: 1 }] });
    await vi.waitFor(() => expect(ven.all('oadrDistributeEvent')).toHaveLength(1));
    const pushed = ven.all('oadrDistributeEvent')[0]!;
    expect(pushed.service).toBe('EiEvent');
    await expectValidOadr(pushed.body);
    expect(pushed.body).toContain(handle.eventId);
    // The oadrCreatedEvent arrives as the VEN's own request with an empty requestID: matched by its eventResponse.
    expect(await handle.response(venId)).toBe('optIn');
    await vi.waitFor(() => expect(ven.createdEventReplies.map(responseCode)).toEqual(['200']));
    expect((await vtn.vtn.optState(handle.eventId, venId)).response).toBe('optIn');
    // Nothing else is pushed for it: the acknowledgement makes nothing due.
    await new Promise((r) => setTimeout(r, 100));
    expect(ven.all('oadrDistributeEvent')).toHaveLength(1);

    // An opt is the VEN's own request, as in pull mode.
    expect(responseCode(await ven.client.createOpt({ optId: 'opt-1', optType: 'optOut', optReason: 'mustRun', event: { eventId: handle.eventId, modificationNumber: 0 } }))).toBe('200');
    expect(await vtn.vtn.optState(handle.eventId, venId)).toMatchObject({ scheduled: 'optOut' });

    // A push VEN may still poll: it gets what is still pending (the refused oadrRegisterReport), then nothing.
    expect((await ven.client.poll()).type).toBe('oadrRegisterReport');
    expect((await ven.client.poll()).type).toBe('oadrResponse');
    const status = await vtn.vtn.push.status(venId);
    expect(status).toMatchObject({ mode: 'push', pending: 0, consecutiveFailures: 0, suspended: false });
    expect(status?.delivered).toBeGreaterThanOrEqual(1);
  });

  it('a push VEN gets an event within a second of its creation, and its modification as quickly', async () => {
    const { vtn, ven, venId } = await pushVtnAndVen('push-prompt');
    // Let the registration's own push (oadrRegisterReport, refused) finish first: only the event is timed.
    await vi.waitFor(async () => expect((await vtn.vtn.push.status(venId))?.refused).toEqual(['registerReport']));
    const created = performance.now();
    const handle = await vtn.vtn.addEvent({ venIds: [venId], signalName: 'SIMPLE', signalType: 'level', intervals: [{ dtstart: new Date(vtn.clock.now().getTime() + 3_600_000), duration: 'PT1H', payload: 1 }] });
    // The bound is measured (arrival at the VEN's server minus the call), not waited out: the wait is generous.
    await vi.waitFor(() => expect(ven.all('oadrDistributeEvent')).toHaveLength(1), { timeout: 10_000, interval: 5 });
    expect(ven.all('oadrDistributeEvent')[0]!.at - created).toBeLessThan(1000);
    expect(ven.all('oadrDistributeEvent')[0]!.body).toContain(handle.eventId);
    await vi.waitFor(() => expect(ven.createdEventReplies).toHaveLength(1));

    const modified = performance.now();
    await vtn.vtn.modifyEvent(handle.eventId, { intervals: [{ duration: 'PT1H', payload: 2 }] });
    await vi.waitFor(() => expect(ven.all('oadrDistributeEvent')).toHaveLength(2), { timeout: 10_000, interval: 5 });
    expect(ven.all('oadrDistributeEvent')[1]!.at - modified).toBeLessThan(1000);
    expect(ven.all('oadrDistributeEvent')[1]!.body).toMatch(/modificationNumber>1</);
    // The field VEN answers this one too: wait for it, so it does not meet a stopped VTN.
    await vi.waitFor(() => expect(ven.createdEventReplies).toHaveLength(2));
  });

  it('pushes oadrCreateReport and oadrCancelReport and takes the answers from the HTTP responses', async () => {
    const { vtn, ven, venId } = await pushVtnAndVen('push-reports');
    expect(responseCode(await ven.client.registerReports())).toBe('200');
    const { reportRequestId } = await vtn.vtn.requestReport({ venId, reportName: 'TELEMETRY_USAGE', kind: 'periodic', samplingInterval: 'PT10S' });
    await vi.waitFor(async () => expect((await vtn.vtn.listReportSubscriptions(venId)).find((s) => s.reportRequestId === reportRequestId)?.state).toBe('created'));
    const create = ven.all('oadrCreateReport')[0]!;
    expect(create.service).toBe('EiReport');
    await expectValidOadr(create.body);

    await vtn.vtn.cancelReport(reportRequestId);
    await vi.waitFor(async () => expect((await vtn.vtn.listReportSubscriptions(venId)).find((s) => s.reportRequestId === reportRequestId)?.state).toBe('cancelled'));
    expect(ven.all('oadrCancelReport')).toHaveLength(1);
    await expectValidOadr(ven.all('oadrCancelReport')[0]!.body);
  });

  it('a cancellation the VEN answers in the HTTP response retires it; one it refuses waits for its poll', async () => {
    const { vtn, ven, venId } = await pushVtnAndVen('push-cancel');
    ven.responder = (m, self) => (m.type === 'oadrCancelPartyRegistration'
      ? { status: 200, body: X.oadrCanceledPartyRegistration({ response: { requestId: String(m.parsed.payload.requestID) }, registrationId: self.client.registrationId, venId: self.client.venId }) }
      : { status: 200 });
    await vtn.vtn.cancelRegistration(venId);
    await vi.waitFor(async () => expect(await vtn.vtn.getVen(venId)).toBeUndefined());
    const cancel = ven.all('oadrCancelPartyRegistration')[0]!;
    expect(cancel.service).toBe('EiRegisterParty');
    await expectValidOadr(cancel.body);
    expect(await vtn.vtn.push.status(venId)).toBeUndefined();
  });

  it('a refused cancellation is not pushed again: the VEN gets it on its next poll', async () => {
    const { vtn, ven, venId } = await pushVtnAndVen('push-refuses-cancel');
    await vi.waitFor(async () => expect((await vtn.vtn.push.status(venId))?.refused).toEqual(['registerReport']));
    await vtn.vtn.cancelRegistration(venId);
    await vi.waitFor(async () => expect((await vtn.vtn.push.status(venId))?.refused).toEqual(['registerReport', 'cancelRegistration']));
    expect(ven.all('oadrCancelPartyRegistration')).toHaveLength(1);
    // Another change wakes the pusher: the refused kinds stay where they are.
    await vtn.vtn.requestReregistration(venId);
    await vi.waitFor(() => expect(ven.all('oadrRequestReregistration')).toHaveLength(1));
    expect(ven.all('oadrCancelPartyRegistration')).toHaveLength(1);
    // The VEN records the push before its 404 reaches the VTN: the third pending message counts once that is handled.
    await vi.waitFor(async () => expect((await vtn.vtn.push.status(venId))?.pending).toBe(3));
    expect((await ven.client.poll()).type).toBe('oadrRegisterReport');
    const cancel = await ven.client.poll();
    expect(cancel.type).toBe('oadrCancelPartyRegistration');
    expect(responseCode(await ven.client.answerCanceledPartyRegistration(cancel))).toBe('200');
    expect(await vtn.vtn.getVen(venId)).toBeUndefined();
  });
});
