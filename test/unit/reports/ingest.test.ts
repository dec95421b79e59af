import { describe, expect, it } from 'vitest';
import type { ResourceStatus } from '../../../src/oadr/model.js';
import { ingestUpdateReport, valuesByRId } from '../../../src/vtn/reports/ingest.js';
import type { ReportSubscription } from '../../../src/vtn/reports/report-subscription.js';
import { dataReport, T0 } from './report-fixtures.js';

const usageSub: ReportSubscription = {
  reportRequestId: 'rr-1', venId: 'VEN-1', reportSpecifierId: 'spec-usage', reportName: 'TELEMETRY_USAGE',
  rIds: [
    { rId: 'p1', resourceId: 'dev-1', measurement: 'powerReal', unit: 'W', scale: 'k' },
    { rId: 'p2', resourceId: 'dev-2', measurement: 'powerReal', unit: 'W', scale: 'k' },
  ],
  granularityMs: 10_000, reportBackMs: 10_000, createdAt: T0.toISOString(), state: 'created',
};
const statusSub: ReportSubscription = {
  ...usageSub, reportRequestId: 'rr-2', reportSpecifierId: 'spec-status', reportName: 'TELEMETRY_STATUS',
  rIds: [{ rId: 's1', resourceId: 'dev-1' }],
};
const subs = new Map([usageSub, statusSub].map((s) => [s.reportRequestId, s]));
const lookup = (id: string) => subs.get(id);
const t = (s: number) => new Date(T0.getTime() + s * 1000);

describe('ingestUpdateReport', () => {
  it('labels each value with the subscription\'s resource, measurement, unit and scale', () => {
    const result = ingestUpdateReport('VEN-1', [dataReport('rr-1', 'TELEMETRY_USAGE', [
      { dtstart: t(0), duration: 10_000, payloads: [{ rId: 'p1', value: 1.5, confidence: 90, accuracy: 0.1 }, { rId: 'p2', value: 2 }] },
      { dtstart: t(10), payloads: [{ rId: 'p1', value: 1.75, dataQuality: 'Quality Good - Non Specific' }, { rId: 'p2', value: 2.25 }] },
    ])], lookup);
    expect(result.values).toHaveLength(4);
    expect(result.values[0]).toEqual({
      venId: 'VEN-1', reportRequestId: 'rr-1', rId: 'p1', resourceId: 'dev-1', measurement: 'powerReal', unit: 'W', scale: 'k',
      time: t(0), durationMs: 10_000, value: 1.5, confidence: 90, accuracy: 0.1,
    });
    expect(result.values[2]).toMatchObject({ time: t(10), value: 1.75, dataQuality: 'Quality Good - Non Specific' });
    expect(result.values[2]).not.toHaveProperty('durationMs');
    expect(result.reports[0]).toMatchObject({ unknownRequest: false, cancelled: false, metadata: false, unexpectedRIds: [], missingRIds: [] });
  });

  it('keeps TELEMETRY_STATUS payloads as status objects, not floats', () => {
    const status: ResourceStatus = { online: true, manualOverride: false, loadControlState: { levelOffset: { current: 2, normal: 0 } } };
    const { values } = ingestUpdateReport('VEN-1', [dataReport('rr-2', 'TELEMETRY_STATUS', [{ dtstart: t(0), payloads: [{ rId: 's1', value: status }] }])], lookup);
    expect(values[0]?.value).toEqual(status);
    expect(typeof values[0]?.value).toBe('object');
    expect(values[0]).toMatchObject({ resourceId: 'dev-1' });
    expect(values[0]).not.toHaveProperty('measurement');
  });

  it('flags rIDs the request did not ask for and requested rIDs that did not come, keeping the values', () => {
    const { values, reports } = ingestUpdateReport('VEN-1', [dataReport('rr-1', 'TELEMETRY_USAGE', [
      { dtstart: t(0), payloads: [{ rId: 'p1', value: 1 }, { rId: 'intruder', value: 9 }] },
    ])], lookup);
    expect(reports[0]).toMatchObject({ unexpectedRIds: ['intruder'], missingRIds: ['p2'] });
    expect(values.map((v) => v.rId)).toEqual(['p1', 'intruder']);
    expect(values[1]).not.toHaveProperty('resourceId');
  });

  it('marks unknown request ids, and another VEN\'s request ids, as unknown without mixing their values in', () => {
    const { values, reports } = ingestUpdateReport('VEN-2', [
      dataReport('rr-1', 'TELEMETRY_USAGE', [{ dtstart: t(0), payloads: [{ rId: 'p1', value: 1 }] }]),
      dataReport('nope', 'TELEMETRY_USAGE', [{ dtstart: t(0), payloads: [{ rId: 'p1', value: 1 }] }]),
    ], lookup);
    expect(reports.map((r) => [r.reportRequestId, r.unknownRequest])).toEqual([['rr-1', true], ['nope', true]]);
    expect(reports[0]?.values).toHaveLength(1);
    expect(reports[0]?.unexpectedRIds).toEqual([]);
    expect(values).toEqual([]);
  });

  it('reports each report of a mixed update separately', () => {
    const { values, reports } = ingestUpdateReport('VEN-1', [
      dataReport('rr-1', 'TELEMETRY_USAGE', [{ dtstart: t(0), payloads: [{ rId: 'p1', value: 1 }, { rId: 'p2', value: 2 }] }]),
      dataReport('ghost', 'TELEMETRY_USAGE', [{ dtstart: t(0), payloads: [{ rId: 'p1', value: 3 }] }]),
    ], lookup);
    expect(reports.map((r) => r.unknownRequest)).toEqual([false, true]);
    expect(values.map((v) => v.value)).toEqual([1, 2]);
  });

  it('flags a cancelled subscription and a METADATA answer', () => {
    subs.set('rr-9', { ...usageSub, reportRequestId: 'rr-9', state: 'cancelled', cancelledAt: T0.toISOString() });
    subs.set('rr-m', { ...usageSub, reportRequestId: 'rr-m', reportName: 'METADATA_TELEMETRY_USAGE' });
    const { reports } = ingestUpdateReport('VEN-1', [
      dataReport('rr-9', 'TELEMETRY_USAGE', [{ dtstart: t(0), payloads: [{ rId: 'p1', value: 1 }, { rId: 'p2', value: 1 }] }]),
      dataReport('rr-m', 'METADATA_TELEMETRY_USAGE', []),
    ], lookup);
    expect(reports[0]).toMatchObject({ cancelled: true, unknownRequest: false });
    expect(reports[1]).toMatchObject({ metadata: true, missingRIds: [], values: [] });
  });
});

describe('valuesByRId', () => {
  it('groups values for the per-rID callbacks, keeping order', () => {
    const { values } = ingestUpdateReport('VEN-1', [dataReport('rr-1', 'TELEMETRY_USAGE', [
      { dtstart: t(0), payloads: [{ rId: 'p1', value: 1 }, { rId: 'p2', value: 2 }] },
      { dtstart: t(10), payloads: [{ rId: 'p1', value: 3 }] },
    ])], lookup);
    const grouped = valuesByRId(values);
    expect(grouped.get('p1')?.map((v) => v.value)).toEqual([1, 3]);
    expect(grouped.get('p2')?.map((v) => v.value)).toEqual([2]);
  });
});
