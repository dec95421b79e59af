import { describe, expect, it, vi } from 'vitest';
import { VtnError } from '../../../src/errors.js';
import { decideCompact, decideFull, normalizeDecision } from '../../../src/vtn/reports/decide-reports.js';
import type { OnRegisterReport, OnRegisterReportFull } from '../../../src/vtn/reports/handler-types.js';
import { offer } from './report-fixtures.js';

const cb = vi.fn();

describe('normalizeDecision', () => {
  it('accepts the object form with ISO or millisecond intervals', () => {
    expect(normalizeDecision(offer('a'), { callback: cb, samplingInterval: 'PT30S', reportingInterval: 120_000 }))
      .toMatchObject({ samplingMs: 30_000, reportingMs: 120_000, callback: cb });
  });

  it('accepts OpenLEADR tuples of two and three entries', () => {
    expect(normalizeDecision(offer('a'), [cb, 'PT10S'])).toMatchObject({ samplingMs: 10_000, callback: cb });
    const three = normalizeDecision(offer('a'), [null, 'PT10S', 'PT1M']);
    expect(three).toMatchObject({ samplingMs: 10_000, reportingMs: 60_000 });
    expect(three).not.toHaveProperty('callback');
  });

  it('treats undefined and null as "not wanted"', () => {
    expect(normalizeDecision(offer('a'), undefined)).toBeUndefined();
    expect(normalizeDecision(offer('a'), null)).toBeUndefined();
  });

  it.each([
    [{ samplingInterval: 'ten seconds' }, /samplingInterval must be/],
    [{ samplingInterval: -5 }, /non-negative/],
    [{ samplingInterval: 'P1M' }, /ISO 8601/],
    [{ samplingInterval: 'PT10S', reportingInterval: 'soon' }, /reportingInterval/],
    [{ callback: 'nope', samplingInterval: 1000 }, /callback is not a function/],
    [{}, /samplingInterval is missing/],
    [[cb], /samplingInterval is missing/],
    [42, /got number/],
  ])('rejects %j with a clear E_HANDLER_RESULT', (decision, message) => {
    const run = () => normalizeDecision(offer('a'), decision as never);
    expect(run).toThrow(VtnError);
    expect(run).toThrow(message);
    try { run(); } catch (e) { expect((e as VtnError).code).toBe('E_HANDLER_RESULT'); }
  });
});

describe('decideCompact', () => {
  it('asks once per offer, awaits async handlers and keeps only accepted points', async () => {
    const seen: string[] = [];
    const handler: OnRegisterReport = async (o) => {
      seen.push(o.rId);
      return o.rId === 'b' ? undefined : [cb, o.minSamplingMs ?? 0];
    };
    const chosen = await decideCompact([offer('a'), offer('b'), offer('c')], handler);
    expect(seen).toEqual(['a', 'b', 'c']);
    expect(chosen.map((c) => [c.offer.rId, c.samplingMs])).toEqual([['a', 10_000], ['c', 10_000]]);
  });
});

describe('decideFull', () => {
  const offers = [offer('a'), offer('b'), offer('s', { reportSpecifierId: 'spec-status', reportName: 'METADATA_TELEMETRY_STATUS' })];

  it('asks once per report and maps chosen rIDs back to their offers', async () => {
    const calls: string[] = [];
    const handler: OnRegisterReportFull = (r) => {
      calls.push(`${r.reportSpecifierId}:${r.offers.length}`);
      return r.reportSpecifierId === 'spec-usage' ? [{ rId: 'b', samplingInterval: 'PT15S', callback: cb }] : undefined;
    };
    const chosen = await decideFull(offers, handler);
    expect(calls).toEqual(['spec-usage:2', 'spec-status:1']);
    expect(chosen).toHaveLength(1);
    expect(chosen[0]).toMatchObject({ offer: { rId: 'b' }, samplingMs: 15_000, callback: cb });
  });

  it('refuses an rID the report did not offer, naming the offered ones', async () => {
    await expect(decideFull(offers, () => [{ rId: 'zzz', samplingInterval: 1000 }])).rejects.toThrow(/rID "zzz" was not offered.*offered rIDs: a, b/);
  });

  it('refuses the same rID twice and a non-array result', async () => {
    await expect(decideFull(offers, () => [{ rId: 'a', samplingInterval: 1000 }, { rId: 'a', samplingInterval: 2000 }]))
      .rejects.toThrow(/chosen twice/);
    await expect(decideFull(offers, () => ({ rId: 'a', samplingInterval: 1 }) as never)).rejects.toThrow(/must return an array/);
  });
});
