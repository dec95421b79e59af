import { describe, expect, it, vi } from 'vitest';
import {
  buildHistoryRequest, buildOneShotRequest, buildPeriodicRequest, buildRegistrationRequests,
} from '../../../src/vtn/reports/build-requests.js';
import type { ChosenPoint } from '../../../src/vtn/reports/handler-types.js';
import { idsFrom, offer, T0 } from './report-fixtures.js';

const counter = (): (() => string) => {
  let n = 0;
  return () => `rr-${(n += 1)}`;
};

function chose(rId: string, samplingMs: number, extra: Partial<ChosenPoint> = {}, offerExtra = {}): ChosenPoint {
  return { offer: offer(rId, offerExtra), samplingMs, ...extra };
}

describe('buildRegistrationRequests', () => {
  it('builds one request per report carrying every chosen rID', () => {
    const cb = vi.fn();
    const plans = buildRegistrationRequests([
      chose('a', 20_000, { callback: cb }),
      chose('s', 5_000, {}, { reportSpecifierId: 'spec-status', reportName: 'METADATA_TELEMETRY_STATUS', readingType: 'x-notApplicable', minSamplingMs: 5_000 }),
      chose('b', 20_000),
    ], { now: T0, newId: counter() });
    expect(plans).toHaveLength(2);
    const [usage, status] = plans;
    expect(usage?.request).toEqual({
      reportRequestId: 'rr-1',
      reportSpecifier: {
        reportSpecifierId: 'spec-usage',
        granularity: 20_000,
        reportBackDuration: 20_000,
        reportInterval: { dtstart: T0, duration: 0 },
        specifierPayloads: [{ rId: 'a', readingType: 'Direct Read' }, { rId: 'b', readingType: 'Direct Read' }],
      },
    });
    expect(usage?.notes).toEqual([]);
    expect([...(usage?.callbacks.keys() ?? [])]).toEqual(['a']);
    expect(status?.request.reportSpecifier.specifierPayloads).toEqual([{ rId: 's', readingType: 'x-notApplicable' }]);
    expect(status?.subscription.reportName).toBe('TELEMETRY_STATUS');
  });

  it('returns the subscription record to persist, as plain JSON', () => {
    const [plan] = buildRegistrationRequests([chose('a', 30_000, { reportingMs: 120_000 })], { now: T0, newId: counter() });
    expect(plan?.subscription).toEqual({
      reportRequestId: 'rr-1', venId: 'VEN-1', reportSpecifierId: 'spec-usage', reportName: 'TELEMETRY_USAGE',
      rIds: [{ rId: 'a', resourceId: 'res-a', measurement: 'powerReal', unit: 'W', scale: 'k', readingType: 'Direct Read' }],
      granularityMs: 30_000, reportBackMs: 120_000, kind: 'periodic',
      interval: { dtstart: T0.toISOString(), durationMs: 0 }, createdAt: T0.toISOString(), state: 'requested',
    });
    expect(JSON.parse(JSON.stringify(plan?.subscription))).toEqual(plan?.subscription);
  });

  it('never goes below the VEN\'s min sampling period and says so', () => {
    const [plan] = buildRegistrationRequests([chose('a', 1_000)], { now: T0, newId: counter() });
    expect(plan?.request.reportSpecifier.granularity).toBe(10_000);
    expect(plan?.request.reportSpecifier.reportBackDuration).toBe(10_000);
    expect(plan?.notes.join()).toMatch(/raised to the VEN's min sampling period 10s/);
  });

  it('lowers a sampling interval above the max, and uses the strictest min across rIDs', () => {
    const [high] = buildRegistrationRequests([chose('a', 600_000)], { now: T0, newId: counter() });
    expect(high?.request.reportSpecifier.granularity).toBe(60_000);
    expect(high?.notes.join()).toMatch(/lowered/);
    const [mixed] = buildRegistrationRequests([chose('a', 10_000), chose('b', 10_000, {}, { minSamplingMs: 30_000 })], { now: T0, newId: counter() });
    expect(mixed?.request.reportSpecifier.granularity).toBe(30_000);
  });

  it('keeps a wanted interval within bounds and ignores a max of zero', () => {
    const [plan] = buildRegistrationRequests([chose('a', 600_000, {}, { maxSamplingMs: 0 })], { now: T0, newId: counter() });
    expect(plan?.request.reportSpecifier.granularity).toBe(600_000);
    expect(plan?.notes).toEqual([]);
  });

  it('raises a reporting interval shorter than the granularity', () => {
    const [plan] = buildRegistrationRequests([chose('a', 30_000, { reportingMs: 5_000 })], { now: T0, newId: counter() });
    expect(plan?.request.reportSpecifier.reportBackDuration).toBe(30_000);
    expect(plan?.notes.join()).toMatch(/reporting interval raised/);
  });

  it('skips "0", empty, repeated and already stored ids so every id is unique and non-zero', () => {
    const stored = new Set(['taken']);
    const plans = buildRegistrationRequests(
      ['a', 'b', 'c'].map((r) => chose(r, 10_000, {}, { reportSpecifierId: `spec-${r}` })),
      { now: T0, newId: idsFrom('0', 'x1', '', 'x1', 'taken', '000', 'x2', 'x3'), isIdTaken: (id) => stored.has(id) },
    );
    expect(plans.map((p) => p.request.reportRequestId)).toEqual(['x1', 'x2', 'x3']);
  });

  it('fails clearly when newId cannot produce a usable id', () => {
    expect(() => buildRegistrationRequests([chose('a', 10_000)], { now: T0, newId: () => '0' }))
      .toThrow(/no unique, non-zero reportRequestID/);
  });

  it('builds nothing when nothing was chosen', () => {
    expect(buildRegistrationRequests([], { now: T0, newId: counter() })).toEqual([]);
  });
});

describe('on-demand requests', () => {
  const ctx = { now: T0, newId: counter() };

  it('one-shot: granularity and back duration zero, no interval', () => {
    const cb = vi.fn();
    const plan = buildOneShotRequest({ ...ctx, offers: [offer('a'), offer('b')], callback: cb });
    expect(plan.request.reportSpecifier).toEqual({
      reportSpecifierId: 'spec-usage', granularity: 0, reportBackDuration: 0,
      specifierPayloads: [{ rId: 'a', readingType: 'Direct Read' }, { rId: 'b', readingType: 'Direct Read' }],
    });
    expect(plan.subscription.kind).toBe('oneShot');
    expect(plan.callbacks.get('b')).toBe(cb);
  });

  it('periodic: start and duration given, granularity clamped', () => {
    const start = new Date('2024-05-02T00:00:00Z');
    const plan = buildPeriodicRequest({ ...ctx, offers: [offer('a')], samplingInterval: 'PT5S', reportingInterval: 'PT5M', start, duration: 'PT2H' });
    expect(plan.request.reportSpecifier).toMatchObject({
      granularity: 10_000, reportBackDuration: 300_000, reportInterval: { dtstart: start, duration: 7_200_000 },
    });
    expect(plan.notes).toHaveLength(1);
  });

  it('history: the window, the VEN\'s own sampling period by default, delivered at once', () => {
    const start = new Date('2024-04-30T00:00:00Z');
    const plan = buildHistoryRequest({ ...ctx, offers: [offer('a')], start, duration: 'P1D' });
    expect(plan.request.reportSpecifier).toMatchObject({
      granularity: 10_000, reportBackDuration: 0, reportInterval: { dtstart: start, duration: 86_400_000 },
    });
    expect(plan.subscription).toMatchObject({ kind: 'history', interval: { dtstart: start.toISOString(), durationMs: 86_400_000 } });
  });

  it.each([
    ['no rIDs', () => buildOneShotRequest({ ...ctx, offers: [] }), /at least one rID/],
    ['two reports', () => buildOneShotRequest({ ...ctx, offers: [offer('a'), offer('b', { reportSpecifierId: 'other' })] }), /different reports/],
    ['a repeated rID', () => buildOneShotRequest({ ...ctx, offers: [offer('a'), offer('a')] }), /rID a is listed twice/],
    ['an empty history window', () => buildHistoryRequest({ ...ctx, offers: [offer('a')], start: T0, duration: 0 }), /positive duration/],
    ['a bad start', () => buildHistoryRequest({ ...ctx, offers: [offer('a')], start: new Date('nope'), duration: 'PT1H' }), /not a valid date/],
    ['a bad sampling interval', () => buildPeriodicRequest({ ...ctx, offers: [offer('a')], samplingInterval: 'often' }), /samplingInterval/],
  ])('refuses %s with E_REPORT_REQUEST', (_name, run, message) => {
    expect(run).toThrow(message);
    try { run(); } catch (e) { expect((e as { code: string }).code).toBe('E_REPORT_REQUEST'); }
  });
});
