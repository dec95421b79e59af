// One behaviour suite for every telemetry store: memory, file and PostgreSQL.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { FileTelemetryStore } from '../../../src/telemetry/file-telemetry-store.js';
import { MemoryTelemetryStore } from '../../../src/telemetry/memory-telemetry-store.js';
import { seriesKey } from '../../../src/telemetry/series-index.js';
import type { RetentionOptions, TelemetryStore } from '../../../src/telemetry/telemetry-store.js';
import { Clock, START, tempDir, value } from './telemetry-fixtures.js';
import { describePostgres } from '../../helpers/postgres.js';
import { postgresTelemetryMaker } from './telemetry-postgres.js';

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c();
});

type Maker = (o: RetentionOptions) => TelemetryStore | Promise<TelemetryStore>;
const localMakers: Record<'memory' | 'file', Maker> = {
  memory: (o) => new MemoryTelemetryStore(o),
  file: (o) => {
    const t = tempDir();
    cleanups.push(t.cleanup);
    return new FileTelemetryStore({ ...o, dataDir: t.dir });
  },
};

const s0 = START.getTime();
const HOUR = 3_600_000;
const values = async (p: Promise<{ value: unknown }[]>) => (await p).map((v) => v.value);

describe.each(['memory', 'file', 'postgres'] as const)('%s telemetry store', (kind) => {
  if (kind === 'postgres') describePostgres('on PostgreSQL', (db) => contract(postgresTelemetryMaker(db)));
  else contract(localMakers[kind]);
});

function contract(make: Maker): void {
  async function opened(o: RetentionOptions = {}, clock = new Clock()): Promise<TelemetryStore> {
    const store = await make({ now: clock.now, ...o });
    await store.open();
    cleanups.push(() => store.close());
    return store;
  }

  it('answers queries by VEN, resource, measurement, rID and time, oldest first', async () => {
    const store = await opened();
    await store.append([
      value('VEN-1', s0 + 2000, 3),
      value('VEN-1', s0, 1),
      value('VEN-1', s0 + 1000, 2, { rId: 'e1', measurement: 'energyReal' }),
      value('VEN-2', s0, 10, { resourceId: 'dev-9' }),
    ]);
    expect(await values(store.query({ venId: 'VEN-1' }))).toEqual([1, 2, 3]);
    expect(await values(store.query({ venId: 'VEN-1', measurement: 'powerReal' }))).toEqual([1, 3]);
    expect(await values(store.query({ rId: 'e1' }))).toEqual([2]);
    expect((await store.query({ resourceId: 'dev-9' })).map((v) => v.venId)).toEqual(['VEN-2']);
    expect(await values(store.query({ from: new Date(s0 + 1000), to: new Date(s0 + 2000) }))).toEqual([2]);
    expect(await values(store.query({ venId: 'VEN-1', limit: 2 }))).toEqual([2, 3]);
    expect(await values(store.query({ venId: 'VEN-1', limit: 0 }))).toEqual([]);
    expect(await store.query({ venId: 'nobody' })).toEqual([]);
    expect(await store.stats()).toMatchObject({ series: 3, values: 4 });
  });

  it('gives back every field as appended, status objects and absent labels included', async () => {
    const store = await opened();
    const status = { online: false, manualOverride: true, loadControlState: { levelOffset: { current: 1 } } };
    const written = [
      value('VEN-1', s0, 2.5, { durationMs: 10_000, confidence: 95, accuracy: 0.5, dataQuality: 'Quality Good - Non Specific' }),
      value('VEN-1', s0 + 10_000, -1e300),
      value('0012', s0 + 20_000, status, { rId: 's1', resourceId: undefined, measurement: undefined, unit: undefined, scale: undefined }),
    ];
    await store.append(written);
    const back = await store.query({});
    expect(back).toEqual(written);
  });

  it('gives the latest value per VEN, resource and measurement', async () => {
    const store = await opened();
    await store.append([value('VEN-1', s0 + 5000, 5), value('VEN-1', s0 + 9000, 9, { measurement: 'voltage' }), value('VEN-1', s0 + 1000, 1)]);
    expect((await store.latest('VEN-1'))?.value).toBe(9);
    expect((await store.latest('VEN-1', 'dev-1', 'powerReal'))?.value).toBe(5);
    expect(await store.latest('VEN-1', 'dev-2')).toBeUndefined();
    expect(await store.latest('VEN-2')).toBeUndefined();
  });

  it('aggregates numbers and counts status values without doing arithmetic on them', async () => {
    const store = await opened();
    await store.append([1, 2, 3, 6].map((n, i) => value('VEN-1', s0 + i * 1000, n)));
    await store.append([value('VEN-1', s0, { online: true, manualOverride: false }, { rId: 's1', measurement: undefined })]);
    expect(await store.aggregate({ venId: 'VEN-1', measurement: 'powerReal', fn: 'sum' })).toBe(12);
    expect(await store.aggregate({ venId: 'VEN-1', measurement: 'powerReal', fn: 'avg' })).toBe(3);
    expect(await store.aggregate({ venId: 'VEN-1', fn: 'min' })).toBe(1);
    expect(await store.aggregate({ venId: 'VEN-1', fn: 'max' })).toBe(6);
    expect(await store.aggregate({ venId: 'VEN-1', fn: 'count' })).toBe(5);
    expect(await store.aggregate({ venId: 'VEN-1', measurement: 'powerReal', limit: 2, fn: 'sum' })).toBe(9);
    expect(await store.aggregate({ rId: 's1', fn: 'sum' })).toBeUndefined();
    expect(await store.aggregate({ venId: 'nobody', fn: 'count' })).toBe(0);
    expect((await store.query({ rId: 's1' }))[0]?.value).toEqual({ online: true, manualOverride: false });
  });

  it('totals per bucket: each series\' average in the bucket, added up over the VENs asked for', async () => {
    const store = await opened();
    const min = 60_000;
    await store.append([
      value('VEN-1', s0, 2), value('VEN-1', s0 + 30_000, 4), // bucket 0: average 3
      value('VEN-2', s0 + 10_000, 10), value('VEN-2', s0 + min, 20), // 10 in bucket 0, 20 in bucket 1
      value('VEN-3', s0 + min, 100, { measurement: 'voltage' }),
      value('VEN-3', s0 + 2 * min, { online: true, manualOverride: false }, { rId: 's1', measurement: undefined }),
      value('VEN-1', s0 + 3 * min, 7), // at `to`: outside
    ]);
    const q = { measurement: 'powerReal', from: new Date(s0), to: new Date(s0 + 3 * min), bucketMs: min };
    const fleet = await store.totals(q);
    expect(fleet.points.map((p) => [p.time.getTime() - s0, p.value, p.series])).toEqual([[0, 13, 2], [min, 20, 1]]);
    expect(fleet).toMatchObject({ unit: 'W', scale: 'k' });
    const group = await store.totals({ ...q, venIds: ['VEN-1', 'VEN-1', 'nobody'] });
    expect(group.points.map((p) => [p.time.getTime() - s0, p.value, p.series])).toEqual([[0, 3, 1]]);
    expect((await store.totals({ ...q, venIds: [] })).points).toEqual([]);
    // Status objects are never added up.
    expect((await store.totals({ ...q, measurement: undefined, from: new Date(s0 + 2 * min) })).points).toEqual([]);
    await expect(store.totals({ ...q, bucketMs: 1000, to: new Date(s0 + 86_400_000) })).rejects.toThrow(/at most 2000 buckets/);
    await expect(store.totals({ ...q, to: new Date(s0) })).rejects.toThrow(/from before to/);
  });

  it('names the series held per VEN with seriesKey', async () => {
    const store = await opened();
    await store.append([value('VEN-1', s0, 1), value('VEN-1', s0, 2, { measurement: 'voltage' }), value('VEN-2', s0, 3, { resourceId: undefined })]);
    expect([...(await store.seriesOf('VEN-1'))].sort()).toEqual([seriesKey('VEN-1', 'dev-1', 'powerReal'), seriesKey('VEN-1', 'dev-1', 'voltage')]);
    expect([...(await store.seriesOf('VEN-2'))]).toEqual([seriesKey('VEN-2', undefined, 'powerReal')]);
    expect((await store.seriesOf('nobody')).size).toBe(0);
  });

  it('knows without reading that a VEN holds series it stored (holdsSeries), until they age out', async () => {
    const clock = new Clock();
    const store = await opened({ maxAgeMs: 2 * HOUR }, clock);
    const power = seriesKey('VEN-1', 'dev-1', 'powerReal');
    const voltage = seriesKey('VEN-1', 'dev-1', 'voltage');
    expect(store.holdsSeries('VEN-1', [power])).toBe(false);
    // The voltage value is past the age limit already: no store may count on holding its series.
    await store.append([value('VEN-1', s0, 1), value('VEN-1', s0 - 3 * HOUR, 2, { measurement: 'voltage' })]);
    expect(store.holdsSeries('VEN-1', [power])).toBe(true);
    expect(store.holdsSeries('VEN-1', [])).toBe(true);
    expect(store.holdsSeries('VEN-1', [power, voltage])).toBe(false);
    expect(store.holdsSeries('VEN-2', [power])).toBe(false); // another VEN's series is not this VEN's
    clock.advance(2 * HOUR + 1);
    await store.prune();
    expect(store.holdsSeries('VEN-1', [power])).toBe(false);
  });

  it('keeps only the newest maxPerSeries values of each series once retention has run', async () => {
    const store = await opened({ maxPerSeries: 3 });
    await store.append([0, 1, 2, 3, 4].map((n) => value('VEN-1', s0 + n * 1000, n)));
    await store.append([value('VEN-1', s0 + 500, 99)]); // older than everything kept: the first to go
    await store.append([value('VEN-2', s0, 7)]);
    await store.prune();
    expect(await values(store.query({ venId: 'VEN-1' }))).toEqual([2, 3, 4]);
    expect(await values(store.query({ venId: 'VEN-2' }))).toEqual([7]);
    expect(await store.stats()).toMatchObject({ series: 2, values: 4 });
  });

  it('applies count retention by itself, without prune being called', async () => {
    const store = await opened({ maxPerSeries: 2 });
    await store.append([0, 1, 2, 3].map((n) => value('VEN-1', s0 + n * 1000, n)));
    await vi.waitFor(async () => expect(await values(store.query({}))).toEqual([2, 3]), { timeout: 5000, interval: 20 });
    await vi.waitFor(async () => expect((await store.stats()).values).toBe(2), { timeout: 5000, interval: 20 });
  });

  it('never answers values older than maxAgeMs, even before retention has deleted them', async () => {
    const clock = new Clock();
    const store = await opened({ maxAgeMs: HOUR }, clock);
    await store.append([value('VEN-1', s0 - 2 * HOUR, 0), value('VEN-1', s0 - 60_000, 1), value('VEN-1', s0, 2)]);
    expect(await values(store.query({}))).toEqual([1, 2]);
    expect(await values(store.query({ from: new Date(s0 - 3 * HOUR) }))).toEqual([1, 2]);
    clock.advance(HOUR - 30_000);
    expect(await values(store.query({}))).toEqual([2]);
    expect(await store.aggregate({ venId: 'VEN-1', fn: 'count' })).toBe(1);
    clock.advance(HOUR);
    expect(await store.latest('VEN-1')).toBeUndefined();
    expect(await store.aggregate({ venId: 'VEN-1', fn: 'sum' })).toBeUndefined();
  });

  it('deletes aged values on prune: stats and seriesOf no longer count them', async () => {
    const clock = new Clock();
    const store = await opened({ maxAgeMs: HOUR }, clock);
    await store.append([value('VEN-1', s0, 1), value('VEN-2', s0, 2), value('VEN-2', s0 + HOUR / 2, 3)]);
    clock.advance(HOUR + 1);
    await store.prune();
    expect(await store.stats()).toMatchObject({ series: 1, values: 1 });
    expect((await store.seriesOf('VEN-1')).size).toBe(0);
    expect((await store.seriesOf('VEN-2')).size).toBe(1);
    await store.append([value('VEN-1', clock.ms, 4)]);
    expect(await values(store.query({}))).toEqual([3, 4]);
  });

  it('stores concurrent appends once each; a bad one among them fails alone', async () => {
    const store = await opened();
    const calls = Array.from({ length: 40 }, (_, i) => store.append([value(`VEN-${i % 7}`, s0 + i * 1000, i), value(`VEN-${i % 7}`, s0 + i * 1000 + 1, -i)]));
    const bad = store.append([value('VEN-1', s0, 1), value('VEN-1', s0, Number.NaN)]);
    const settled = await Promise.allSettled([...calls, bad]);
    expect(settled.slice(0, 40).every((s) => s.status === 'fulfilled')).toBe(true);
    expect(settled[40]).toMatchObject({ status: 'rejected', reason: { code: 'E_PAYLOAD' } });
    expect(await store.stats()).toMatchObject({ values: 80, series: 7 });
    expect(await store.aggregate({ fn: 'sum' })).toBe(0);
    expect((await store.query({ venId: 'VEN-3' })).length).toBe(12);
  });

  it('refuses bad values as a whole, storing nothing', async () => {
    const store = await opened();
    await expect(store.append([value('VEN-1', s0, 1), value('VEN-1', Number.NaN, 2)])).rejects.toThrow(/time is not a valid Date/);
    await expect(store.append([value('VEN-1', s0, Number.POSITIVE_INFINITY)])).rejects.toThrow(/not a finite number/);
    await expect(store.append([value('VEN-1', s0, 'high' as never)])).rejects.toThrow(/neither a number nor a resource status/);
    await expect(store.append([value('VEN-1', s0, 1), value('VEN\u0000', s0, 2)])).rejects.toThrow(/venId holds a NUL character/);
    await expect(store.append([value('VEN-1', s0, 1, { dataQuality: 'bad \uD800' })])).rejects.toThrow(/dataQuality holds .* unpaired surrogate/);
    await store.append([]);
    expect((await store.stats()).values).toBe(0);
  });

  it('refuses malformed queries clearly', async () => {
    const store = await opened();
    await expect(store.query({ from: new Date('garbage') })).rejects.toThrow(/query.from is not a valid Date/);
    await expect(store.query({ limit: -1 })).rejects.toThrow(/limit must be a non-negative integer/);
    await expect(store.aggregate({ fn: 'median' as never })).rejects.toThrow(/unknown aggregate function "median"/);
    await expect(store.aggregate({ to: new Date(Number.NaN), fn: 'sum' })).rejects.toThrow(/query.to is not a valid Date/);
  });
}
