// Issue #14, VENs as they are in the field, over HTTP with the test VEN (every reply XSD-checked) and a controlled
// clock: report requests ignored in oadrRegisteredReport arrive as oadrCreateReport, cancellations end, and a VEN
// registering anew replaces its old registration.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { registrationIdOf, reportRequestsOf, responseCode, TestVen } from '../helpers/test-ven.js';
import { policyVtnPerTest } from '../helpers/policy-vtn.js';
import { startTestVtn, TestClock, type RunningTestVtn } from '../helpers/start-vtn.js';
import * as X from '../helpers/ven-xml/index.js';
import { setup, type Fixture } from './fixture.js';

const POLL = 10_000; // the default PT10S poll period: fallback after 20 s, cancellation grace 30 s
const startPolicyVtn = policyVtnPerTest();

const usageValues = (reportRequestId: string, at: Date, kw: number): X.ReportInput => ({
  reportRequestId, reportSpecifierId: 'TELEMETRY_USAGE', reportName: 'TELEMETRY_USAGE', dtstart: at, duration: 'PT1M',
  intervals: [{ dtstart: at, duration: 'PT1M', payloads: [{ rId: 'powerReal', value: kw }] }],
});

/** Registers, takes the VTN's oadrRegisterReport, offers usage + status; returns the requests it was sent (and ignores). */
async function onboard(r: RunningTestVtn, venName: string) {
  const ven = new TestVen({ baseUrl: r.baseUrl, venName });
  expect(responseCode(await ven.register())).toBe('200');
  expect((await ven.poll()).type).toBe('oadrRegisterReport');
  const requests = reportRequestsOf(await ven.registerReports());
  return { ven, requests };
}

async function pollType(ven: TestVen): Promise<string | undefined> {
  return (await ven.poll()).type;
}

describe('report requests that arrive', () => {
  it('a VEN that ignores requests in oadrRegisteredReport and acts only on oadrCreateReport reports telemetry with the shipped policy', async () => {
    const { running: r } = await startPolicyVtn({ openEnrollment: false });
    const { ven, requests } = await onboard(r, 'pine-school');
    const usage = requests.find((q) => q.reportSpecifierId === 'TELEMETRY_USAGE')!;
    const status = requests.find((q) => q.reportSpecifierId === 'TELEMETRY_STATUS')!;
    expect(usage.specifiers.map((s) => s.rId)).toEqual(['powerReal']);

    // Nothing acknowledges them; two poll periods later they come again as oadrCreateReport, not a millisecond before.
    expect(await pollType(ven)).toBe('oadrResponse');
    r.clock.advance(2 * POLL - 1);
    expect(await pollType(ven)).toBe('oadrResponse');
    r.clock.advance(1);
    const create = await ven.poll();
    expect(create.type).toBe('oadrCreateReport');
    expect(reportRequestsOf(create).map((q) => q.reportRequestId).sort()).toEqual([usage.reportRequestId, status.reportRequestId].sort());
    expect(reportRequestsOf(create).find((q) => q.reportRequestId === usage.reportRequestId)).toEqual(usage);

    // The VEN acts on it: it acknowledges the usage request and reports; the values are stored.
    expect(responseCode(await ven.createdReport({ requestId: '', pendingReports: [usage.reportRequestId] }))).toBe('200');
    expect(responseCode(await ven.updateReport([usageValues(usage.reportRequestId, r.clock.now(), 31.5)]))).toBe('200');
    expect((await r.vtn.telemetry.query({ venId: ven.venId!, measurement: 'powerReal' })).map((v) => v.value)).toEqual([31.5]);
    const subs = new Map((await r.vtn.listReportSubscriptions(ven.venId)).map((s) => [s.reportRequestId, s]));
    expect(subs.get(usage.reportRequestId)).toMatchObject({
      state: 'created', acknowledgedVia: 'createReport', acknowledgedBy: 'createdReport', attempts: 2, lastSentVia: 'createReport', lastSentAt: r.clock.now().toISOString(),
    });

    // The status request is still unanswered: once more after twice the wait, with only what is left.
    expect(subs.get(status.reportRequestId)).toMatchObject({ state: 'requested', attempts: 2 });
    r.clock.advance(4 * POLL - 1);
    expect(await pollType(ven)).toBe('oadrResponse');
    r.clock.advance(1);
    const again = await ven.poll();
    expect(reportRequestsOf(again).map((q) => q.reportRequestId)).toEqual([status.reportRequestId]);
  });

  it('re-sends are bounded (three by default, each wait twice the one before); telemetry alone acknowledges a request', async () => {
    const f = await setup();
    f.vtn.addHandler('onRegisterReport', (o) => (o.measurement === 'powerReal' ? { samplingInterval: 'PT1M' } : undefined));
    const { ven, requests } = await onboard(f, 'never-acks');
    const [only] = requests;
    const sentAt: number[] = [];
    const start = f.clock.now().getTime();
    for (let t = 0; t <= 30 * POLL; t += POLL / 2) {
      f.clock.set(new Date(start + t));
      const reply = await ven.poll();
      if (reply.type === 'oadrCreateReport') sentAt.push(t);
      else expect(reply.type).toBe('oadrResponse');
    }
    expect(sentAt).toEqual([2 * POLL, 6 * POLL, 14 * POLL]);
    expect((await f.vtn.listReportSubscriptions(ven.venId))[0]).toMatchObject({ state: 'requested', attempts: 4 });

    // Another VEN reports at once, without oadrCreatedReport: acknowledged by its telemetry, nothing re-sent.
    const { ven: quiet, requests: [req] } = await onboard(f, 'reports-at-once');
    expect(responseCode(await quiet.updateReport([usageValues(req!.reportRequestId, f.clock.now(), 5)]))).toBe('200');
    expect((await f.vtn.listReportSubscriptions(quiet.venId))[0]).toMatchObject({ state: 'created', acknowledgedVia: 'registeredReport', acknowledgedBy: 'updateReport', attempts: 1 });
    f.clock.advance(60 * POLL);
    expect(await pollType(quiet)).toBe('oadrResponse');
    expect(only).toBeDefined();
  });
});

describe('cancellations that end', () => {
  it('a VEN that never confirms gets the cancellation on every poll and is retired when the grace is over', async () => {
    const f = await setup();
    const ven = await f.registeredVen('never-confirms');
    const queued = await f.vtn.cancelRegistration(ven.venId!);
    expect(queued).toMatchObject({ registrationId: ven.registrationId, sends: 0, retireAt: new Date(f.clock.now().getTime() + 3 * POLL).toISOString() });
    const seen: string[] = [];
    for (let i = 0; i < 3; i++) {
      const reply = await ven.poll();
      seen.push(reply.type!);
      expect(registrationIdOf(reply)).toBe(ven.registrationId);
      f.clock.advance(POLL - (i === 2 ? 1 : 0));
    }
    expect(seen).toEqual(['oadrCancelPartyRegistration', 'oadrCancelPartyRegistration', 'oadrCancelPartyRegistration']);
    expect(await f.vtn.cancellation(ven.venId!)).toMatchObject({ sends: 3 });
    expect(await f.vtn.getVen(ven.venId!)).toBeDefined();
    // The grace ends: the poll then tells the VEN once more and the registration is gone.
    f.clock.advance(1);
    expect(await pollType(ven)).toBe('oadrCancelPartyRegistration');
    expect(await f.vtn.getVen(ven.venId!)).toBeUndefined();
    expect(await f.vtn.listRetiredVens({ venId: ven.venId! })).toEqual([expect.objectContaining({ retiredBy: 'grace', cancelSends: 3, venName: 'never-confirms' })]);

    // One that stopped polling altogether is retired by the sweep.
    const silent = await f.registeredVen('silent');
    await f.vtn.cancelRegistration(silent.venId!);
    f.clock.advance(3 * POLL - 1);
    expect(await f.vtn.sweepCancellations()).toBe(0);
    f.clock.advance(1);
    expect(await f.vtn.sweepCancellations()).toBe(1);
    expect(await f.vtn.getVen(silent.venId!)).toBeUndefined();
    expect((await f.vtn.listRetiredVens({ venId: silent.venId! }))[0]).toMatchObject({ retiredBy: 'grace', cancelSends: 0 });
  });

  it('a VEN that confirms is retired at its confirmation; asking twice keeps the first grace', async () => {
    const f = await setup();
    const ven = await f.registeredVen('confirms');
    const first = await f.vtn.cancelRegistration(ven.venId!);
    f.clock.advance(POLL);
    expect((await f.vtn.cancelRegistration(ven.venId!)).retireAt).toBe(first.retireAt);
    expect(await pollType(ven)).toBe('oadrCancelPartyRegistration');
    f.clock.advance(POLL);
    const cancel = await ven.poll();
    expect(cancel.type).toBe('oadrCancelPartyRegistration');
    expect(responseCode(await ven.answerCanceledPartyRegistration(cancel))).toBe('200');
    expect(await f.vtn.getVen(ven.venId!)).toBeUndefined();
    expect((await f.vtn.listRetiredVens({ venId: ven.venId! }))[0]).toMatchObject({ retiredBy: 'confirmed', cancelSends: 2, retiredAt: f.clock.now().toISOString() });
  });
});

describe('re-registration replaces the old one', () => {
  it('a VEN registering anew under its venName replaces its registration, offers, subscriptions and queue; also when it answers oadrRequestReregistration so', async () => {
    const f: Fixture = await setup();
    f.vtn.addHandler('onRegisterReport', () => ({ samplingInterval: 'PT1M' }));
    const { ven: old } = await onboard(f, 'field-1');
    const oldId = old.venId!;
    expect(await f.vtn.listReportSubscriptions(oldId)).toHaveLength(2);
    await f.vtn.cancelRegistration(oldId);

    const fresh = new TestVen({ baseUrl: f.baseUrl, venName: 'field-1' });
    expect(responseCode(await fresh.register())).toBe('200');
    expect(fresh.venId).not.toBe(oldId);
    expect(await f.vtn.getVen(oldId)).toBeUndefined();
    expect(await f.vtn.listReportSubscriptions(oldId)).toEqual([]);
    expect(await f.vtn.reportOffers(oldId)).toEqual([]);
    expect(await f.vtn.cancellation(oldId)).toBeUndefined();
    expect((await f.vtn.listVens()).filter((v) => v.venName === 'field-1').map((v) => v.venId)).toEqual([fresh.venId]);
    expect((await f.vtn.listRetiredVens({ venId: oldId }))[0]).toMatchObject({ retiredBy: 'replaced', replacedBy: fresh.venId });
    // The old venID is a stranger now.
    expect(await pollType(old)).toBe('oadrRequestReregistration');

    await f.vtn.requestReregistration(fresh.venId!);
    expect(await pollType(fresh)).toBe('oadrRegisterReport');
    expect(await pollType(fresh)).toBe('oadrRequestReregistration');
    const third = new TestVen({ baseUrl: f.baseUrl, venName: 'field-1' });
    expect(responseCode(await third.register())).toBe('200');
    expect((await f.vtn.listVens()).filter((v) => v.venName === 'field-1').map((v) => v.venId)).toEqual([third.venId]);
  });
});

describe('timers across a restart', () => {
  it('the report fallback and the cancellation grace keep their times through a restart of the file store', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'vtn-field-'));
    const clock = new TestClock();
    const t0 = clock.now().getTime();
    const decide = (vtn: RunningTestVtn) => vtn.vtn.addHandler('onRegisterReport', (o) => (o.measurement === 'powerReal' ? { samplingInterval: 'PT1M' } : undefined));
    try {
      const first = await startTestVtn({ dataDir, inMemory: false, clock });
      decide(first);
      const { ven: reporter, requests: [req] } = await onboard(first, 'restart-reporter');
      const leaver = new TestVen({ baseUrl: first.baseUrl, venName: 'restart-leaver' });
      await leaver.register();
      await leaver.poll();
      clock.advance(5_000);
      await first.vtn.cancelRegistration(leaver.venId!);
      expect(await pollType(leaver)).toBe('oadrCancelPartyRegistration');
      clock.advance(5_000);
      await first.close();

      const second = await startTestVtn({ dataDir, inMemory: false, clock });
      try {
        decide(second);
        const url = (v: TestVen) => Object.assign(new TestVen({ baseUrl: second.baseUrl, venName: v.venName }), { venId: v.venId, registrationId: v.registrationId });
        const [rep, lea] = [url(reporter), url(leaver)];
        clock.set(new Date(t0 + 2 * POLL - 1));
        expect(await pollType(rep)).toBe('oadrResponse');
        clock.set(new Date(t0 + 2 * POLL));
        const create = await rep.poll();
        expect(reportRequestsOf(create).map((q) => q.reportRequestId)).toEqual([req!.reportRequestId]);
        clock.set(new Date(t0 + 5_000 + 3 * POLL - 1));
        expect(await second.vtn.sweepCancellations()).toBe(0);
        expect(await pollType(lea)).toBe('oadrCancelPartyRegistration');
        clock.set(new Date(t0 + 5_000 + 3 * POLL));
        expect(await second.vtn.sweepCancellations()).toBe(1);
        expect((await second.vtn.listRetiredVens({ venId: leaver.venId! }))[0]).toMatchObject({ retiredBy: 'grace', cancelSends: 2, retiredAt: clock.now().toISOString() });
      } finally {
        await second.close();
      }
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
