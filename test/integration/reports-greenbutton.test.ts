// HISTORY_GREENBUTTON: a VEN answers a history request with an ESPI Atom feed (oadrGBPayload) and the readings become telemetry.
import { describe, expect, it } from 'vitest';
import { setup } from './fixture.js';
import { reportRequestsOf, responseCode, responseDescription } from '../helpers/test-ven.js';
import * as X from '../helpers/ven-xml/index.js';
import { expectValidOadr } from '../helpers/xsd.js';

const GB_METADATA: X.ReportInput = {
  reportRequestId: '0', reportSpecifierId: 'GB-SPEC', reportName: 'METADATA_HISTORY_GREENBUTTON', duration: 'P30D',
  descriptions: [{ rId: 'gb-usage', reportType: 'usage', readingType: 'Direct Read', samplingRate: { minPeriod: 'PT15M', maxPeriod: 'PT1H', onChange: false } }],
};

const gbUpdate = (reportRequestId: string, greenButton: X.GreenButtonInput): X.ReportInput => ({
  reportRequestId, reportSpecifierId: 'GB-SPEC', reportName: 'HISTORY_GREENBUTTON', intervals: [{ payloads: [], greenButton: [greenButton] }],
});

async function gbSubscription() {
  const f = await setup();
  const ven = await f.registeredVen();
  expect(responseCode(await ven.registerReports([GB_METADATA]))).toBe('200');
  const sub = await f.vtn.requestReport({ venId: ven.venId!, reportName: 'HISTORY_GREENBUTTON', kind: 'history', start: '2026-05-31T00:00:00Z', duration: 'PT1H', granularity: 'PT15M' });
  const [request] = reportRequestsOf(await ven.poll());
  expect(request).toMatchObject({ reportRequestId: sub.reportRequestId, reportSpecifierId: 'GB-SPEC' });
  return { f, ven, reportRequestId: sub.reportRequestId };
}

describe('HISTORY_GREENBUTTON reports', () => {
  it('each ESPI IntervalReading becomes a value: start and duration from timePeriod, value × 10^powerOfTenMultiplier, unit from uom, the requested rID', async () => {
    const { f, ven, reportRequestId } = await gbSubscription();
    const gb: X.GreenButtonInput = {
      uom: 72, powerOfTenMultiplier: -3,
      readings: [
        { start: '2026-05-31T00:00:00Z', durationS: 900, value: 1234 },
        { start: '2026-05-31T00:15:00Z', durationS: 900, value: 1500, cost: 20 },
        { start: '2026-05-31T00:30:00Z', durationS: 900 }, // no value: nothing to store
      ],
    };
    const update = gbUpdate(reportRequestId, gb);
    await expectValidOadr(X.oadrUpdateReport({ requestId: 'u-1', reports: [update], venId: ven.venId! }));
    const reply = await ven.updateReport([update]);
    expect(reply.type).toBe('oadrUpdatedReport');
    expect(responseCode(reply)).toBe('200');
    const values = await f.vtn.telemetry.query({ venId: ven.venId! });
    expect(values.map((v) => ({ request: v.reportRequestId, rId: v.rId, time: v.time.toISOString(), durationMs: v.durationMs, value: v.value, unit: v.unit }))).toEqual([
      { request: reportRequestId, rId: 'gb-usage', time: '2026-05-31T00:00:00.000Z', durationMs: 900_000, value: 1.234, unit: 'Wh' },
      { request: reportRequestId, rId: 'gb-usage', time: '2026-05-31T00:15:00.000Z', durationMs: 900_000, value: 1.5, unit: 'Wh' },
    ]);
  });

  it('readings without their own timePeriod follow the IntervalBlock start in steps of the ReadingType intervalLength', async () => {
    const { f, ven, reportRequestId } = await gbSubscription();
    const gb: X.GreenButtonInput = { uom: 38, powerOfTenMultiplier: 3, intervalLengthS: 900, block: { start: '2026-05-31T00:00:00Z', durationS: 1800 }, readings: [{ value: 2 }, { value: 3 }] };
    const update = gbUpdate(reportRequestId, gb);
    await expectValidOadr(X.oadrUpdateReport({ requestId: 'u-2', reports: [update], venId: ven.venId! }, { style: 'default-ns' }));
    expect(responseCode(await ven.updateReport([update]))).toBe('200');
    const values = await f.vtn.telemetry.query({ venId: ven.venId!, rId: 'gb-usage' });
    expect(values.map((v) => [v.time.toISOString(), v.durationMs, v.value, v.unit])).toEqual([
      ['2026-05-31T00:00:00.000Z', 900_000, 2000, 'W'],
      ['2026-05-31T00:15:00.000Z', 900_000, 3000, 'W'],
    ]);
  });

  it('a reading with no start anywhere is refused with a clear error and stores nothing', async () => {
    const { f, ven, reportRequestId } = await gbSubscription();
    const reply = await ven.updateReport([gbUpdate(reportRequestId, { uom: 72, readings: [{ value: 5, durationS: 900 }] })]);
    expect(responseCode(reply)).not.toBe('200');
    expect(responseDescription(reply)).toMatch(/IntervalReading\[0\].*has no timePeriod\/start/);
    expect(await f.vtn.telemetry.query({ venId: ven.venId! })).toEqual([]);
  });
});
