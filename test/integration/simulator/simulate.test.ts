// The VEN simulator against a real test VTN over HTTP: registration, polls, events, opt answers and telemetry.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { startTestVtn, type RunningTestVtn } from '../../helpers/start-vtn.js';
import { validateOadr } from '../../helpers/xsd.js';
import { runSimulation } from '../../../src/simulator/index.js';
import type { MessageRecord } from '../../../src/vtn/message-observers.js';
import type { ResourceStatus } from '../../../src/oadr/model.js';

let running: RunningTestVtn | undefined;
// Stops a simulation left running by a failed assertion.
let stop = new AbortController();
afterEach(async () => {
  stop.abort();
  stop = new AbortController();
  vi.restoreAllMocks();
  await running?.close();
  running = undefined;
});

/** A VTN on the real clock, polling every second, subscribing power and status every second (reported every 2 s). */
async function realTimeVtn(): Promise<RunningTestVtn> {
  running = await startTestVtn({ pollFreq: 'PT1S', now: () => new Date() });
  running.vtn.addHandler('onRegisterReport', (offer) =>
    offer.rId === 'powerReal' || offer.rId === 'status' ? { samplingInterval: 'PT1S', reportingInterval: 'PT2S' } : undefined);
  return running;
}

async function waitFor(check: () => boolean | Promise<boolean>, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > until) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('vtn simulate against a running VTN', () => {
  it('5 VENs register, poll at the granted frequency, acknowledge each new event version once per the opt policy, and send telemetry', async () => {
    const { vtn, baseUrl } = await realTimeVtn();
    const messages: MessageRecord[] = [];
    vtn.onMessage((m) => messages.push(m));
    const bodies = new Map<string, string>();
    const realFetch = globalThis.fetch;
    const targets = new Set<string>();
    vi.spyOn(globalThis, 'fetch').mockImplementation((input, init) => {
      const url = String(input);
      targets.add(url.slice(0, url.lastIndexOf('/')));
      const body = String(init?.body ?? '');
      const type = /<oadr:(oadr\w+) ei:schemaVersion/.exec(body)?.[1];
      if (type && !bodies.has(type)) bodies.set(type, body);
      return realFetch(input, init);
    });

    const summaries: boolean[] = [];
    const run = runSimulation({ url: baseUrl, vens: 5, seconds: 7, signal: stop.signal, opt: 'always-in', reportEvery: 'PT1S', seed: 7, summaryEveryMs: 1000, onSummary: (_s, final) => summaries.push(final) });
    await waitFor(async () => (await vtn.listVens()).length === 5, 4000);
    const venIds = (await vtn.listVens()).map((v) => v.venId);
    const handle = await vtn.addEvent({ venIds, signalName: 'SIMPLE', signalType: 'level', dtstart: new Date(Date.now() + 1500), duration: 'PT10M', intervals: [{ duration: 'PT10M', payload: 1 }] });
    await waitFor(async () => (await Promise.all(venIds.map((v) => vtn.optState(handle.eventId, v)))).every((o) => o.response === 'optIn'), 4000);
    await vtn.modifyEvent(handle.eventId, { intervals: [{ duration: 'PT10M', payload: 2 }], reason: 'deeper' });
    const summary = await run;

    expect(summary.registered).toBe(5);
    expect(summary.vens).toBe(5);
    expect(summary.errors).toBe(0);
    expect(summaries.at(-1)).toBe(true);
    expect(summaries.filter((f) => !f).length).toBeGreaterThanOrEqual(4);
    // ~7 s at PT1S: each VEN polls several times, but not in a busy loop.
    const polls = messages.filter((m) => m.type === 'oadrPoll');
    expect(summary.polls).toBe(polls.length);
    for (const venId of venIds) {
      const mine = polls.filter((m) => m.venId === venId).length;
      expect(mine).toBeGreaterThanOrEqual(4);
      expect(mine).toBeLessThanOrEqual(16);
      expect(await vtn.optState(handle.eventId, venId)).toMatchObject({ response: 'optIn', deliveredModification: 1 });
    }
    // Answers only for new modification numbers: one per VEN for 0 and one for 1, although status changes re-sent the event.
    const created = messages.filter((m) => m.type === 'oadrCreatedEvent');
    expect(created.every((m) => m.code === 200)).toBe(true);
    expect(created.length).toBe(10);
    expect(summary.optIns).toBe(10);
    expect(summary.optOuts).toBe(0);
    expect(summary.eventsSeen).toBe(10);

    // Telemetry reached the VTN's store: power as numbers, status as resource-status objects.
    for (const venId of venIds) {
      const power = await vtn.telemetry.query({ venId, measurement: 'powerReal' });
      expect(power.length).toBeGreaterThanOrEqual(2);
      for (const v of power) expect(typeof v.value === 'number' && v.value > 0).toBe(true);
      const status = await vtn.telemetry.query({ venId, rId: 'status' });
      expect(status.length).toBeGreaterThanOrEqual(2);
      expect((status[0]!.value as ResourceStatus).online).toBe(true);
    }
    expect(summary.valuesSent).toBeGreaterThan(0);
    expect((await vtn.telemetry.query({})).length).toBeGreaterThanOrEqual(summary.valuesSent);
    expect(messages.filter((m) => m.type === 'oadrUpdateReport').every((m) => m.code === 200)).toBe(true);

    // Only the given VTN was contacted, and every kind of message the simulator sent is valid 2.0b XML.
    expect([...targets]).toEqual([`${baseUrl}/OpenADR2/Simple/2.0b`]);
    expect([...bodies.keys()].sort()).toEqual(expect.arrayContaining([
      'oadrCreatePartyRegistration', 'oadrCreatedEvent', 'oadrCreatedReport', 'oadrPoll', 'oadrQueryRegistration',
      'oadrRegisterReport', 'oadrRegisteredReport', 'oadrUpdateReport',
    ]));
    for (const [type, xml] of bodies) expect({ type, ...(await validateOadr(xml)) }).toMatchObject({ type, ok: true, errors: [] });
  }, 20_000);

  it('answers what the VTN starts later: one-shot, history and periodic report requests, report cancellation, re-registration and cancelled registration; opt-out policy', async () => {
    running = await startTestVtn({ pollFreq: 'PT1S', now: () => new Date() });
    const { vtn, baseUrl } = running;
    const registrations: (string | undefined)[] = [];
    vtn.onMessage((m) => { if (m.type === 'oadrCreatePartyRegistration') registrations.push(m.venId); });
    const run = runSimulation({ url: `${baseUrl}/OpenADR2/Simple/2.0b/`, vens: 3, seconds: 6, opt: 'always-out', reportEvery: 'PT1S', namePrefix: 'later-', seed: 3, signal: stop.signal });
    await waitFor(async () => {
      const vens = await vtn.listVens();
      return vens.length === 3 && (await Promise.all(vens.map((v) => vtn.reportOffers(v.venId)))).every((o) => o.length === 3);
    }, 4000);
    const [a, b, c] = (await vtn.listVens()).sort((x, y) => x.venName!.localeCompare(y.venName!)).map((v) => v.venId) as [string, string, string];
    expect((await vtn.getVen(a))!.venName).toBe('later-01');

    await vtn.requestReport({ venId: a, reportName: 'TELEMETRY_USAGE', kind: 'oneShot' });
    await vtn.requestReport({ venId: a, reportName: 'TELEMETRY_USAGE', rIds: ['powerReal'], kind: 'history', start: new Date(Date.now() - 60_000), duration: 'PT1M', granularity: 'PT10S' });
    const periodic = await vtn.requestReport({ venId: b, reportName: 'TELEMETRY_STATUS', kind: 'periodic', samplingInterval: 'PT1S' });
    const handle = await vtn.addEvent({ venIds: [a, b], signalName: 'SIMPLE', signalType: 'level', dtstart: new Date(Date.now() + 60_000), duration: 'PT5M', intervals: [{ duration: 'PT5M', payload: 1 }] });
    await waitFor(async () => (await vtn.telemetry.query({ venId: b, rId: 'status' })).length >= 2 && (await vtn.telemetry.query({ venId: a, rId: 'energyReal' })).length >= 1, 4000);
    await vtn.cancelReport(periodic.reportRequestId);
    // Taken before b re-registers: a new report registration replaces (deletes) the cancelled request.
    const periodicOf = async () => (await vtn.listReportSubscriptions(b)).find((s) => s.reportRequestId === periodic.reportRequestId);
    await waitFor(async () => (await periodicOf())?.cancelledAt !== undefined, 4000);
    const sub = (await periodicOf())!;
    await vtn.requestReregistration(b);
    await vtn.cancelRegistration(c);
    const summary = await run;

    // One-shot: one current value per rID; history: six 10-second slots of the past minute.
    expect(await vtn.telemetry.query({ venId: a, rId: 'energyReal' })).toHaveLength(1);
    const power = await vtn.telemetry.query({ venId: a, rId: 'powerReal' });
    expect(power).toHaveLength(7);
    expect(power.filter((v) => v.durationMs === 10_000)).toHaveLength(6);
    // Periodic status stopped once cancelled; the VEN acknowledged the cancellation.
    expect(sub.state).toBe('cancelled');
    expect(sub.cancelledAt).toBeDefined();
    const after = (await vtn.telemetry.query({ venId: b, rId: 'status', from: new Date(Date.parse(sub.cancelledAt!) + 1500) })).filter((v) => v.reportRequestId === periodic.reportRequestId);
    expect(after).toEqual([]);
    // Re-registration keeps the venID; a cancelled registration retires the VEN on both sides.
    expect(registrations).toEqual([undefined, undefined, undefined, b]);
    expect((await vtn.getVen(b))?.venName).toBe('later-02');
    expect(await vtn.getVen(c)).toBeUndefined();
    expect(summary.registered).toBe(2);
    // always-out: both VENs opted out of the event.
    expect((await vtn.optState(handle.eventId, a)).response).toBe('optOut');
    expect((await vtn.optState(handle.eventId, b)).response).toBe('optOut');
    expect(summary).toMatchObject({ optIns: 0, optOuts: 2, errors: 0 });
  }, 20_000);

  it('counts connection errors instead of crashing when no VTN answers, and stops on the signal', async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 1500);
    const summary = await runSimulation({ url: 'http://127.0.0.1:9', vens: 2, signal: controller.signal, requestTimeoutMs: 500 });
    expect(summary.registered).toBe(0);
    expect(summary.errors).toBeGreaterThanOrEqual(2);
    expect(summary.lastError).toMatch(/oadrQueryRegistration to http:\/\/127\.0\.0\.1:9\/OpenADR2\/Simple\/2\.0b\/EiRegisterParty/);
    expect(summary.elapsedMs).toBeLessThan(3000);
  });
});
