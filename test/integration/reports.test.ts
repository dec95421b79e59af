// Requirements §5 — reports (EiReport), one test per statement, over HTTP with the independent test VEN.
import { mkdtemp, rm, stat, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { setup, type Fixture } from './fixture.js';
import { cancelReportOf, registerReportOf, reportRequestsOf, requestIdOf, responseCode, responseDescription, TestVen } from '../helpers/test-ven.js';
import * as X from '../helpers/ven-xml/index.js';
import { startTestVtn, TestClock } from '../helpers/start-vtn.js';
import type { ReportValue } from '../../src/telemetry/report-value.js';

/** Subscribe to powerReal and status every minute (compact decision), and register the VEN's reports. */
async function subscribedVen(f: Fixture, name?: string) {
  f.vtn.addHandler('onRegisterReport', (offer) =>
    offer.measurement === 'powerReal' || offer.reportName === 'METADATA_TELEMETRY_STATUS' ? { samplingInterval: 'PT1M', reportingInterval: 'PT5M' } : undefined);
  const ven = await f.registeredVen(name);
  const reply = await ven.registerReports();
  const requests = reportRequestsOf(reply);
  const usage = requests.find((r) => r.reportSpecifierId === 'TELEMETRY_USAGE')!;
  const status = requests.find((r) => r.reportSpecifierId === 'TELEMETRY_STATUS')!;
  return { ven, reply, usage, status };
}

const usageUpdate = (reportRequestId: string, at: Date, kw: number, extra: X.ReportPayloadInput[] = []): X.ReportInput => ({
  reportRequestId, reportSpecifierId: 'TELEMETRY_USAGE', reportName: 'TELEMETRY_USAGE', dtstart: at, duration: 'PT1M',
  intervals: [{ dtstart: at, duration: 'PT1M', payloads: [{ rId: 'powerReal', value: kw, confidence: 90, accuracy: 0.5 }, ...extra] }],
});

describe('§5 reports', () => {
  it('a VEN\'s oadrRegisterReport (reportRequestID 0) is always answered with oadrRegisteredReport, also for zero reports', async () => {
    const f = await setup();
    const ven = await f.registeredVen();
    const none = await ven.registerReports([], { requestId: 'rr-0' });
    expect(none.type).toBe('oadrRegisteredReport');
    expect(responseCode(none)).toBe('200');
    expect(requestIdOf(none)).toBe('rr-0');
    expect(reportRequestsOf(none)).toEqual([]);
    const noDecision = await ven.registerReports();
    expect(responseCode(noDecision)).toBe('200');
    expect(reportRequestsOf(noDecision)).toEqual([]);
    expect((await f.vtn.reportOffers(ven.venId!)).map((o) => o.rId).sort()).toEqual(['energyReal', 'powerReal', 'status', 'voltage']);
  });

  it('each report request has a unique non-zero reportRequestID, the VEN\'s reportSpecifierID, granularity ≥ the VEN\'s minimum, reportBackDuration, a specifierPayload per chosen rID and a reportInterval', async () => {
    const f = await setup();
    f.vtn.addHandler('onRegisterReport', (offer) => (offer.measurement === 'voltage' ? undefined : { samplingInterval: 'PT1S' }));
    const ven = await f.registeredVen();
    const requests = reportRequestsOf(await ven.registerReports());
    expect(requests).toHaveLength(2);
    const ids = requests.map((r) => r.reportRequestId);
    expect(new Set(ids).size).toBe(2);
    expect(ids).not.toContain('0');
    const usage = requests.find((r) => r.reportSpecifierId === 'TELEMETRY_USAGE')!;
    expect(usage.granularity).toBe('PT10S'); // asked PT1S, the VEN's minimum is PT10S
    expect(usage.reportBackDuration).toBe('PT10S');
    expect(usage.specifiers.map((s) => s.rId).sort()).toEqual(['energyReal', 'powerReal']);
    expect(usage.reportInterval?.dtstart).toMatch(/Z$/);
    expect(usage.reportInterval?.duration).toBe('PT0S');
  });

  it('report decisions: the compact form is called per data point with venId, resource, measurement, unit, scale and sampling bounds; the full form per report', async () => {
    const f = await setup();
    const seen: string[] = [];
    f.vtn.addHandler('onRegisterReport', (o) => { seen.push(`${o.venId}|${o.reportName}|${o.rId}|${o.measurement}|${o.scale}|${o.minSamplingMs}|${o.maxSamplingMs}`); return undefined; });
    const ven = await f.registeredVen();
    await ven.registerReports([X.telemetryUsageMetadata({ resourceId: 'meter-1' })]);
    expect(seen).toContain(`${ven.venId}|METADATA_TELEMETRY_USAGE|powerReal|powerReal|k|10000|900000`);
    expect((await f.vtn.reportOffers(ven.venId!))[0]!.resourceId).toBe('meter-1');

    const g = await setup();
    g.vtn.addHandler('onRegisterReportFull', (report) => report.reportName === 'METADATA_TELEMETRY_USAGE' ? [{ rId: 'energyReal', samplingInterval: 'PT15M' }] : []);
    const v2 = await g.registeredVen();
    const [only] = reportRequestsOf(await v2.registerReports());
    expect(only!.specifiers.map((s) => s.rId)).toEqual(['energyReal']);
    expect(only!.granularity).toBe('PT15M');
  });

  it('oadrUpdateReport values are stored per (reportRequestID, rID) with time, value, confidence, accuracy, resource, measurement and unit; answered oadrUpdatedReport 200', async () => {
    const f = await setup();
    const { ven, usage } = await subscribedVen(f);
    const got: ReportValue[] = [];
    f.vtn.addHandler('onTelemetry', (values) => void got.push(...values));
    const at = new Date('2026-06-01T12:01:00Z');
    const reply = await ven.updateReport([usageUpdate(usage.reportRequestId, at, 12.5)], { requestId: 'up-1' });
    expect(reply.type).toBe('oadrUpdatedReport');
    expect(responseCode(reply)).toBe('200');
    expect(requestIdOf(reply)).toBe('up-1');
    const [stored] = await f.vtn.telemetry.query({ venId: ven.venId!, measurement: 'powerReal' });
    expect(stored).toMatchObject({ reportRequestId: usage.reportRequestId, rId: 'powerReal', measurement: 'powerReal', scale: 'k', value: 12.5, confidence: 90, accuracy: 0.5, durationMs: 60_000 });
    expect(stored!.time.toISOString()).toBe(at.toISOString());
    expect(got).toHaveLength(1);
  });

  it('TELEMETRY_STATUS values are resource-status payloads (online, manual override, load-control state), not floats', async () => {
    const f = await setup();
    const { ven, status } = await subscribedVen(f);
    const at = new Date('2026-06-01T12:02:00Z');
    await ven.updateReport([{ reportRequestId: status.reportRequestId, reportSpecifierId: 'TELEMETRY_STATUS', reportName: 'TELEMETRY_STATUS', dtstart: at,
      intervals: [{ dtstart: at, payloads: [{ rId: 'status', value: { online: true, manualOverride: false, loadControlState: { levelOffset: { current: 2, normal: 0 } } } }] }] }]);
    const [v] = await f.vtn.telemetry.query({ venId: ven.venId!, rId: 'status' });
    expect(v!.value).toEqual({ online: true, manualOverride: false, loadControlState: { levelOffset: { current: 2, normal: 0 } } });
  });

  it('an unknown reportRequestID → 452; a report whose rIDs do not match the request is flagged in the reply and the log, and its values are kept', async () => {
    const warnings: string[] = [];
    const logger = { info() {}, debug() {}, error() {}, warn: (o: unknown, m?: string) => void warnings.push(`${m} ${JSON.stringify(o)}`) };
    const f = await setup({ logger });
    const { ven, usage } = await subscribedVen(f);
    const at = new Date('2026-06-01T12:03:00Z');
    const unknown = await ven.updateReport([usageUpdate('no-such-request', at, 1)]);
    expect(responseCode(unknown)).toBe('452');
    expect(responseDescription(unknown)).toMatch(/no-such-request/);
    const odd = await ven.updateReport([usageUpdate(usage.reportRequestId, at, 3, [{ rId: 'voltage', value: 231 }])]);
    expect(responseCode(odd)).toBe('200');
    expect(responseDescription(odd)).toMatch(/voltage/);
    expect(warnings.some((w) => /does not match/.test(w) && /voltage/.test(w))).toBe(true);
    expect((await f.vtn.telemetry.query({ venId: ven.venId!, rId: 'voltage' })).map((v) => v.value)).toEqual([231]);
  });

  it('the VTN requests a report later: one-shot (granularity and backDuration 0), periodic and history windows go out as oadrCreateReport on the next poll; oadrCreatedReport acknowledges', async () => {
    const f = await setup();
    const ven = await f.registeredVen();
    await ven.registerReports([X.telemetryUsageMetadata(), X.telemetryStatusMetadata()]);
    const oneShot = await f.vtn.requestReport({ venId: ven.venId!, reportName: 'TELEMETRY_USAGE', kind: 'oneShot' });
    const poll1 = await ven.poll();
    expect(poll1.type).toBe('oadrCreateReport');
    const [req] = reportRequestsOf(poll1);
    expect(req).toMatchObject({ reportRequestId: oneShot.reportRequestId, granularity: 'PT0S', reportBackDuration: 'PT0S' });
    const history = await f.vtn.requestReport({ venId: ven.venId!, reportName: 'TELEMETRY_USAGE', rIds: ['energyReal'], kind: 'history', start: '2026-05-31T00:00:00Z', duration: 'P1D', granularity: 'PT15M' });
    const [hist] = reportRequestsOf(await ven.poll());
    expect(hist).toMatchObject({ reportRequestId: history.reportRequestId, granularity: 'PT15M' });
    expect(hist!.reportInterval).toEqual({ dtstart: '2026-05-31T00:00:00Z', duration: 'P1D' });
    const periodic = await f.vtn.requestReport({ venId: ven.venId!, reportName: 'TELEMETRY_STATUS', kind: 'periodic', samplingInterval: 'PT1M' });
    expect(reportRequestsOf(await ven.poll())[0]!.reportRequestId).toBe(periodic.reportRequestId);
    const ack = await ven.createdReport({ requestId: 'cr-1', pendingReports: [periodic.reportRequestId] });
    expect(responseCode(ack)).toBe('200');
    expect((await f.vtn.listReportSubscriptions(ven.venId)).find((s) => s.reportRequestId === periodic.reportRequestId)!.state).toBe('created');
    expect(responseCode(await ven.createdReport({ requestId: 'cr-2', pendingReports: ['bogus'] }))).toBe('452');
    await expect(f.vtn.requestReport({ venId: ven.venId!, reportName: 'HISTORY_GREENBUTTON', kind: 'oneShot' })).rejects.toThrow(/offers no matching/);
  });

  it('the VTN cancels a report with oadrCancelReport (reportToFollow) on poll, or piggy-backed in oadrUpdatedReport; oadrCanceledReport acknowledges', async () => {
    const f = await setup();
    const { ven, usage, status } = await subscribedVen(f);
    await f.vtn.cancelReport(usage.reportRequestId, { reportToFollow: true });
    const cancel = await ven.poll();
    expect(cancel.type).toBe('oadrCancelReport');
    expect(cancelReportOf(cancel)).toMatchObject({ reportRequestIds: [usage.reportRequestId], reportToFollow: true });
    expect(responseCode(await ven.canceledReport({ requestId: requestIdOf(cancel)!, pendingReports: [] }))).toBe('200');

    await f.vtn.cancelReport(status.reportRequestId);
    const at = new Date('2026-06-01T12:04:00Z');
    const updated = await ven.updateReport([usageUpdate(usage.reportRequestId, at, 5)]);
    expect(updated.body).toContain('oadrCancelReport');
    expect(updated.body).toContain(status.reportRequestId);
    expect((await ven.poll()).type).toBe('oadrResponse'); // not sent twice
    expect((await f.vtn.listReportSubscriptions(ven.venId)).every((s) => s.state === 'cancelled')).toBe(true);
  });

  it('right after registration the VTN\'s own oadrRegisterReport (METADATA, here with no reports) is delivered on the poll', async () => {
    const f = await setup();
    const ven = f.ven();
    await ven.register();
    const poll = await ven.poll();
    expect(poll.type).toBe('oadrRegisterReport');
    expect(registerReportOf(poll).reports).toEqual([]);
  });

  it('retention is configurable by count per series and by age', async () => {
    const f = await setup({ telemetryRetention: { maxPerSeries: 5, maxAge: 'PT1H' } });
    const { ven, usage } = await subscribedVen(f);
    const base = f.clock.now().getTime();
    const intervals = Array.from({ length: 10 }, (_, i) => ({ dtstart: new Date(base - 9 * 60_000 + i * 60_000), duration: 'PT1M', payloads: [{ rId: 'powerReal', value: i }] }));
    await ven.updateReport([{ reportRequestId: usage.reportRequestId, reportSpecifierId: 'TELEMETRY_USAGE', reportName: 'TELEMETRY_USAGE', intervals }]);
    expect((await f.vtn.telemetry.query({ venId: ven.venId! })).map((v) => v.value)).toEqual([5, 6, 7, 8, 9]);
    f.clock.advance(2 * 3_600_000);
    expect(await f.vtn.telemetry.query({ venId: ven.venId! })).toEqual([]);
  });

  it('callbacks returned by the compact decision receive the values of their data point', async () => {
    const f = await setup();
    const got: number[] = [];
    f.vtn.addHandler('onRegisterReport', (o) => (o.measurement === 'powerReal' ? [(values: ReportValue[]) => void got.push(...values.map((v) => v.value as number)), 'PT1M'] as const : undefined));
    const ven = await f.registeredVen();
    const [usage] = reportRequestsOf(await ven.registerReports());
    await ven.updateReport([usageUpdate(usage!.reportRequestId, new Date('2026-06-01T12:05:00Z'), 42)]);
    expect(got).toEqual([42]);
  });

  it('subscriptions and stored values survive a restart; the state file stays small while a VEN reports every 10 s for a simulated day', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'vtn-reports-'));
    try {
      const clock = new TestClock('2026-06-01T00:00:00Z');
      const first = await startTestVtn({ dataDir, inMemory: false, clock });
      first.vtn.addHandler('onRegisterReport', (o) => (o.measurement === 'powerReal' ? { samplingInterval: 'PT10S' } : undefined));
      const ven = new TestVen({ baseUrl: first.baseUrl, venName: 'day', validate: false });
      await ven.register();
      await ven.poll();
      const [usage] = reportRequestsOf(await ven.registerReports([X.telemetryUsageMetadata()]));
      // A simulated day at 10 s resolution, sent as 60 values per update (one every 10 minutes).
      for (let batch = 0; batch < 144; batch++) {
        const start = clock.now().getTime();
        const intervals = Array.from({ length: 60 }, (_, i) => ({ dtstart: new Date(start + i * 10_000), duration: 'PT10S', payloads: [{ rId: 'powerReal', value: 100 + (i % 7) }] }));
        const reply = await ven.updateReport([{ reportRequestId: usage!.reportRequestId, reportSpecifierId: 'TELEMETRY_USAGE', reportName: 'TELEMETRY_USAGE', intervals }]);
        expect(responseCode(reply)).toBe('200');
        clock.advance(600_000);
      }
      await first.vtn.store.flush();
      const stateBytes = (await stat(join(dataDir, 'vtn.json'))).size;
      const telemetryFiles = await readdir(join(dataDir, 'telemetry'));
      expect((await first.vtn.telemetry.stats()).values).toBe(8640);
      expect(stateBytes).toBeLessThan(20_000);
      console.log(`simulated day: 8,640 values; vtn.json ${stateBytes} B; telemetry ${(await first.vtn.telemetry.stats()).bytesOnDisk} B in ${telemetryFiles.length} segment files`);
      await first.close();

      const second = await startTestVtn({ dataDir, inMemory: false, clock });
      try {
        expect((await second.vtn.listReportSubscriptions(ven.venId))[0]!.reportRequestId).toBe(usage!.reportRequestId);
        expect(await second.vtn.telemetry.query({ venId: ven.venId!, measurement: 'powerReal' })).toHaveLength(8640);
        const again = new TestVen({ baseUrl: second.baseUrl, venName: 'day' });
        again.venId = ven.venId;
        const reply = await again.updateReport([usageUpdate(usage!.reportRequestId, clock.now(), 7)]);
        expect(responseCode(reply)).toBe('200');
      } finally {
        await second.close();
      }
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
