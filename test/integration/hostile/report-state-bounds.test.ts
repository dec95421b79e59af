// A VEN's report state over HTTP: re-registration replaces, caps refuse in-band with nothing stored, retirement cleans up.
import { describe, expect, it } from 'vitest';
import { reportRequestsOf, responseCode, responseDescription } from '../../helpers/test-ven.js';
import { putAll } from '../../helpers/read-store.js';
import * as X from '../../helpers/ven-xml/index.js';
import { setup, type Fixture } from '../fixture.js';
import type { VtnOptions } from '../../../src/vtn/vtn-options.js';

async function reportingVen(options: VtnOptions = {}) {
  const f = await setup(options);
  f.vtn.addHandler('onRegisterReport', () => ({ samplingInterval: 'PT1M' }));
  const ven = await f.registeredVen();
  return { f, ven };
}

const state = async (f: Fixture, venId: string) => JSON.stringify([await f.vtn.listReportSubscriptions(venId), await f.vtn.reportOffers(venId), await f.vtn.telemetry.stats()]);

/** n METADATA reports with one data point each, on resources r0 … r(n-1). */
const manyReports = (n: number, from = 0) => Array.from({ length: n }, (_, i) => X.telemetryStatusMetadata({ rIdPrefix: `p${from + i}-`, resourceId: `r${from + i}` }));

describe('report state of one VEN is bounded', () => {
  it('50 repeated oadrRegisterReports replace the offers and subscriptions instead of piling up cancelled ones', async () => {
    const { f, ven } = await reportingVen();
    for (let i = 0; i < 50; i++) expect(responseCode(await ven.registerReports())).toBe('200');
    const subs = await f.vtn.listReportSubscriptions(ven.venId);
    expect(subs).toHaveLength(2);
    expect(subs.every((s) => s.state === 'requested')).toBe(true);
    expect(await f.vtn.reportOffers(ven.venId!)).toHaveLength(4);
  });

  it('a cancelled registration (VEN-initiated) takes its offers and subscriptions with it', async () => {
    const { f, ven } = await reportingVen();
    await ven.registerReports();
    const reply = await ven.post('EiRegisterParty', X.oadrCancelPartyRegistration({ requestId: 'c', registrationId: ven.registrationId!, venId: ven.venId! }));
    expect(reply.type).toBe('oadrCanceledPartyRegistration');
    expect(await f.vtn.listReportSubscriptions(ven.venId)).toEqual([]);
    expect(await f.vtn.reportOffers(ven.venId!)).toEqual([]);
  });

  it('a VTN-initiated (operator) cancellation removes them once the VEN answers', async () => {
    const { f, ven } = await reportingVen();
    await ven.registerReports();
    await f.vtn.cancelRegistration(ven.venId!);
    const poll = await ven.poll();
    expect(poll.type).toBe('oadrCancelPartyRegistration');
    await ven.post('EiRegisterParty', X.oadrCanceledPartyRegistration({ response: { requestId: 'x' }, registrationId: ven.registrationId!, venId: ven.venId! }));
    expect(await f.vtn.getVen(ven.venId!)).toBeUndefined();
    expect(await f.vtn.listReportSubscriptions(ven.venId)).toEqual([]);
    expect(await f.vtn.reportOffers(ven.venId!)).toEqual([]);
  });

  it('more data points than limits.offersPerVen → 454, and the previous registration stays as it was', async () => {
    const { f, ven } = await reportingVen({ limits: { offersPerVen: 5 } });
    await ven.registerReports();
    const before = await state(f, ven.venId!);
    const reply = await ven.registerReports(manyReports(6));
    expect(responseCode(reply)).toBe('454');
    expect(responseDescription(reply)).toMatch(/limits\.offersPerVen/);
    expect(await state(f, ven.venId!)).toBe(before);
  });

  it('more report requests than limits.subscriptionsPerVen, or series than limits.seriesPerVen → 469, nothing stored', async () => {
    const subsCap = await reportingVen({ limits: { subscriptionsPerVen: 3 } });
    const before = await state(subsCap.f, subsCap.ven.venId!);
    const tooMany = await subsCap.ven.registerReports(manyReports(4));
    expect(responseCode(tooMany)).toBe('469');
    expect(responseDescription(tooMany)).toMatch(/limits\.subscriptionsPerVen/);
    expect(await state(subsCap.f, subsCap.ven.venId!)).toBe(before);
    expect(reportRequestsOf(await subsCap.ven.registerReports(manyReports(3)))).toHaveLength(3);

    const seriesCap = await reportingVen({ limits: { seriesPerVen: 2 } });
    const reply = await seriesCap.ven.registerReports(manyReports(3));
    expect(responseCode(reply)).toBe('469');
    expect(responseDescription(reply)).toMatch(/limits\.seriesPerVen/);
    expect(await seriesCap.f.vtn.listReportSubscriptions(seriesCap.ven.venId)).toEqual([]);
  });

  it('values that would open more telemetry series than limits.seriesPerVen → 469 for the whole update', async () => {
    const { f, ven } = await reportingVen({ limits: { seriesPerVen: 2 } });
    const [a, b] = reportRequestsOf(await ven.registerReports(manyReports(2)));
    const at = new Date('2026-06-01T12:00:00Z');
    const status = (req: { reportRequestId: string; reportSpecifierId: string }, rId: string) => ({
      reportRequestId: req.reportRequestId, reportSpecifierId: req.reportSpecifierId, reportName: 'TELEMETRY_STATUS', dtstart: at, duration: 'PT1M',
      intervals: [{ dtstart: at, duration: 'PT1M', payloads: [{ rId, value: { online: true, manualOverride: false } }] }],
    });
    expect(responseCode(await ven.updateReport([status(a!, 'p0-status'), status(b!, 'p1-status')]))).toBe('200');
    expect((await f.vtn.telemetry.stats()).series).toBe(2);
    // The operator lifts a report by hand into a third series: still within subscriptions, over the series cap.
    const third = (await f.vtn.listReportSubscriptions(ven.venId))[0]!;
    await putAll(f.vtn.store, 'reportSubscriptions', [[third.reportRequestId, { ...third, rIds: [{ ...third.rIds[0]!, resourceId: 'elsewhere' }] }]]);
    const before = await state(f, ven.venId!);
    const reply = await ven.updateReport([status(b!, 'p1-status'), status(a!, 'p0-status')]);
    expect(responseCode(reply)).toBe('469');
    expect(await state(f, ven.venId!)).toBe(before);
  });
});
