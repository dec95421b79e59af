// A restart is invisible to every VEN (issue #12): what was waiting for a VEN before the restart is what it gets after.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { eventsOf, reportRequestsOf, TestVen } from '../../helpers/test-ven.js';
import { startTestVtn, TestClock, type RunningTestVtn } from '../../helpers/start-vtn.js';

const HOUR = 3_600_000;
let dataDir: string;
const running: RunningTestVtn[] = [];

beforeEach(async () => { dataDir = await mkdtemp(join(tmpdir(), 'vtn-exact-restart-')); });
afterEach(async () => {
  for (const r of running.splice(0)) await r.close().catch(() => undefined);
  await rm(dataDir, { recursive: true, force: true });
});

async function start(clock: TestClock, options: Parameters<typeof startTestVtn>[0] = {}): Promise<RunningTestVtn> {
  const r = await startTestVtn({ dataDir, inMemory: false, clock, ...options });
  running.push(r);
  return r;
}

/** The same VEN (ids kept) talking to another VTN process on the same state. */
function reconnect(ven: TestVen, baseUrl: string): TestVen {
  const again = new TestVen({ baseUrl, venName: ven.venName ?? 'ven' });
  again.venId = ven.venId;
  again.registrationId = ven.registrationId;
  return again;
}

async function registeredAndIdle(baseUrl: string, venName: string): Promise<TestVen> {
  const ven = new TestVen({ baseUrl, venName });
  await ven.register();
  expect((await ven.poll()).type).toBe('oadrRegisterReport');
  expect((await ven.poll()).type).toBe('oadrResponse');
  return ven;
}

describe('exact restart', () => {
  it('a VEN removed from an event by modifyEvent gets the empty oadrDistributeEvent although the VTN restarted before it polled', async () => {
    const clock = new TestClock();
    const first = await start(clock);
    const a = await registeredAndIdle(first.baseUrl, 'a');
    const b = await registeredAndIdle(first.baseUrl, 'b');
    const e = await first.vtn.addEvent({ venIds: [a.venId!, b.venId!], signalName: 'SIMPLE', signalType: 'level', intervals: [{ dtstart: new Date(clock.now().getTime() + HOUR), duration: 'PT1H', payload: 2 }] });
    expect(eventsOf(await a.poll()).map((x) => x.eventId)).toEqual([e.eventId]);
    expect(eventsOf(await b.poll()).map((x) => x.eventId)).toEqual([e.eventId]);
    await first.vtn.modifyEvent(e.eventId, { venIds: [a.venId!] });
    await first.close();

    const second = await start(clock);
    const b2 = reconnect(b, second.baseUrl);
    const told = await b2.poll();
    expect(told.type).toBe('oadrDistributeEvent');
    expect(eventsOf(told)).toEqual([]);
    // Told once: the next poll is idle.
    expect((await b2.poll()).type).toBe('oadrResponse');
    const a2 = reconnect(a, second.baseUrl);
    expect(eventsOf(await a2.poll())).toMatchObject([{ eventId: e.eventId, modificationNumber: 1 }]);
  });

  it('every kind of queued message survives a restart and goes out exactly once', async () => {
    const clock = new TestClock();
    const first = await start(clock);
    first.vtn.addHandler('onRegisterReport', () => ({ samplingInterval: 'PT1M', reportingInterval: 'PT5M' }));
    // registerReport: queued by registration, not yet polled.
    const fresh = new TestVen({ baseUrl: first.baseUrl, venName: 'fresh' });
    await fresh.register();
    // createReport / cancelReport: an operator request and a cancellation of a registration-time request.
    const reporter = await registeredAndIdle(first.baseUrl, 'reporter');
    await reporter.registerReports();
    const subs = await first.vtn.listReportSubscriptions(reporter.venId!);
    expect(subs.length).toBeGreaterThan(0);
    await first.vtn.cancelReport(subs[0]!.reportRequestId);
    // requestReregistration and cancelRegistration.
    const rereg = await registeredAndIdle(first.baseUrl, 'rereg');
    await first.vtn.requestReregistration(rereg.venId!);
    const leaving = await registeredAndIdle(first.baseUrl, 'leaving');
    await first.vtn.cancelRegistration(leaving.venId!);
    await first.close();

    const second = await start(clock);
    const expectOnce = async (ven: TestVen, type: string) => {
      const again = reconnect(ven, second.baseUrl);
      expect((await again.poll()).type).toBe(type);
      expect((await again.poll()).type).toBe('oadrResponse');
    };
    await expectOnce(fresh, 'oadrRegisterReport');
    await expectOnce(reporter, 'oadrCancelReport');
    await expectOnce(rereg, 'oadrRequestReregistration');
    await expectOnce(leaving, 'oadrCancelPartyRegistration');
  });

  it('an operator report request queued before a restart goes out after it', async () => {
    const clock = new TestClock();
    const first = await start(clock);
    const ven = await registeredAndIdle(first.baseUrl, 'meter');
    await ven.registerReports();
    const { reportRequestId } = await first.vtn.requestReport({ venId: ven.venId!, reportName: 'TELEMETRY_USAGE', kind: 'oneShot' });
    await first.close();
    const second = await start(clock);
    const again = reconnect(ven, second.baseUrl);
    const created = await again.poll();
    expect(created.type).toBe('oadrCreateReport');
    expect(reportRequestsOf(created).map((r) => r.reportRequestId)).toEqual([reportRequestId]);
    expect((await again.poll()).type).toBe('oadrResponse');
  });
});
