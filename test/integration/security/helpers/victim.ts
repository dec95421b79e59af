// A VEN with something to lose (registration, report subscription and offers, an opted-in event, an EiOpt
// schedule, telemetry) and a snapshot of all of it, to prove that an attack left the victim untouched.
import { expect } from 'vitest';
import { reportRequestsOf, responseCode, type TestVen } from '../../../helpers/test-ven.js';
import { readOne } from '../../../helpers/read-store.js';
import type { RunningTestVtn } from '../../../helpers/start-vtn.js';
import * as X from '../../../helpers/ven-xml/index.js';

/** Registers `ven` and gives it state of every kind an impersonator could try to change. */
export async function victimWithState(running: RunningTestVtn, ven: TestVen): Promise<void> {
  const { vtn, clock } = running;
  vtn.addHandler('onRegisterReport', (offer) => (offer.measurement === 'powerReal' ? { samplingInterval: 'PT1M' } : undefined));
  expect(responseCode(await ven.register())).toBe('200');
  expect((await ven.poll()).type).toBe('oadrRegisterReport');
  const usage = reportRequestsOf(await ven.registerReports([X.telemetryUsageMetadata({ resourceId: 'meter-1' })]))[0]!;
  const at = clock.now();
  const update = await ven.updateReport([{
    reportRequestId: usage.reportRequestId, reportSpecifierId: 'TELEMETRY_USAGE', reportName: 'TELEMETRY_USAGE', dtstart: at, duration: 'PT1M',
    intervals: [{ dtstart: at, duration: 'PT1M', payloads: [{ rId: 'powerReal', value: 7 }] }],
  }]);
  expect(responseCode(update)).toBe('200');
  await vtn.addEvent({ venId: ven.venId!, signalName: 'SIMPLE', signalType: 'level', dtstart: new Date(at.getTime() + 3_600_000), duration: 'PT1H', intervals: [{ duration: 'PT1H', payload: 1 }] });
  expect((await ven.respondToEvents(await ven.requestEvent(), 'optIn')).status).toBe(200);
  const opt = await ven.createOpt({ optId: 'victim-opt', optType: 'optOut', optReason: 'participating', vavailability: [{ dtstart: '2026-06-02T10:00:00Z', duration: 'PT1H' }] });
  expect(responseCode(opt)).toBe('200');
  const held = await stateOf(running, ven.venId!);
  expect([held.subscriptions.length, held.offers.length, held.telemetry.length, held.opts.length, held.events.length]).toEqual([1, 3, 1, 1, 1]);
}

/** Everything the VTN holds about one VEN. */
export async function stateOf(running: RunningTestVtn, venId: string) {
  const { vtn } = running;
  return {
    ven: await vtn.getVen(venId),
    pending: await readOne(vtn.store, 'pending', venId),
    opts: await vtn.listOpts(venId),
    events: (await vtn.listEvents({ venId })).map((e) => e.vens.find((o) => o.venId === venId)),
    subscriptions: await vtn.listReportSubscriptions(venId),
    offers: await vtn.reportOffers(venId),
    telemetry: await vtn.telemetry.query({ venId }),
  };
}

/** The victim still works as itself: its poll is answered, not refused. */
export async function expectStillPolls(ven: TestVen): Promise<void> {
  const poll = await ven.poll();
  expect(poll.status).toBe(200);
  expect(poll.type).not.toBe('oadrRequestReregistration');
  expect(responseCode(poll)).toBe('200');
}
