// One behaviour suite for both implementations.
import { afterEach, describe, expect, it } from 'vitest';
import { FileTelemetryStore } from '../../../src/telemetry/file-telemetry-store.js';
import { MemoryTelemetryStore } from '../../../src/telemetry/memory-telemetry-store.js';
import type { RetentionOptions, TelemetryStore } from '../../../src/telemetry/telemetry-store.js';
import { Clock, START, tempDir, value } from './telemetry-fixtures.js';

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));

const makers: [string, (o: RetentionOptions) => TelemetryStore][] = [
  ['memory', (o) => new MemoryTelemetryStore(o)],
  ['file', (o) => {
    const t = tempDir();
    cleanups.push(t.cleanup);
    return new FileTelemetryStore({ ...o, dataDir: t.dir });
  }],
];

const s0 = START.getTime();

describe.each(makers)('%s telemetry store', (_name, make) => {
  async function opened(o: RetentionOptions = {}, clock = new Clock()): Promise<TelemetryStore> {
    const store = make({ now: clock.now, ...o });
    await store.open();
    cleanups.push(() => void store.close());
    return store;
  }

  it('answers queries by VEN, resource, measurement, rID and time, oldest first', async () => {
    const store = await opened();
    store.append([
      value('VEN-1', s0 + 2000, 3),
      value('VEN-1', s0, 1),
      value('VEN-1', s0 + 1000, 2, { rId: 'e1', measurement: 'energyReal' }),
      value('VEN-2', s0, 10, { resourceId: 'dev-9' }),
    ]);
    expect(store.query({ venId: 'VEN-1' }).map((v) => v.value)).toEqual([1, 2, 3]);
    expect(store.query({ venId: 'VEN-1', measurement: 'powerReal' }).map((v) => v.value)).toEqual([1, 3]);
    expect(store.query({ rId: 'e1' }).map((v) => v.value)).toEqual([2]);
    expect(store.query({ resourceId: 'dev-9' }).map((v) => v.venId)).toEqual(['VEN-2']);
    expect(store.query({ from: new Date(s0 + 1000), to: new Date(s0 + 2000) }).map((v) => v.value)).toEqual([2]);
    expect(store.query({ venId: 'VEN-1', limit: 2 }).map((v) => v.value)).toEqual([2, 3]);
    expect(store.query({ venId: 'nobody' })).toEqual([]);
    expect(store.stats()).toMatchObject({ series: 3, values: 4 });
  });

  it('gives the latest value per VEN, resource and measurement', async () => {
    const store = await opened();
    store.append([value('VEN-1', s0 + 5000, 5), value('VEN-1', s0 + 9000, 9, { measurement: 'voltage' }), value('VEN-1', s0 + 1000, 1)]);
    expect(store.latest('VEN-1')?.value).toBe(9);
    expect(store.latest('VEN-1', 'dev-1', 'powerReal')?.value).toBe(5);
    expect(store.latest('VEN-1', 'dev-2')).toBeUndefined();
  });

  it('aggregates numbers and counts status values without doing arithmetic on them', async () => {
    const store = await opened();
    store.append([1, 2, 3, 6].map((n, i) => value('VEN-1', s0 + i * 1000, n)));
    store.append([value('VEN-1', s0, { online: true, manualOverride: false }, { rId: 's1', measurement: undefined })]);
    expect(store.aggregate({ venId: 'VEN-1', measurement: 'powerReal', fn: 'sum' })).toBe(12);
    expect(store.aggregate({ venId: 'VEN-1', measurement: 'powerReal', fn: 'avg' })).toBe(3);
    expect(store.aggregate({ venId: 'VEN-1', fn: 'min' })).toBe(1);
    expect(store.aggregate({ venId: 'VEN-1', fn: 'max' })).toBe(6);
    expect(store.aggregate({ venId: 'VEN-1', fn: 'count' })).toBe(5);
    expect(store.aggregate({ rId: 's1', fn: 'sum' })).toBeUndefined();
    expect(store.query({ rId: 's1' })[0]?.value).toEqual({ online: true, manualOverride: false });
  });

  it('keeps only the newest maxPerSeries values of each series', async () => {
    const store = await opened({ maxPerSeries: 3 });
    store.append([0, 1, 2, 3, 4].map((n) => value('VEN-1', s0 + n * 1000, n)));
    store.append([value('VEN-1', s0 + 500, 99)]); // older than everything held: dropped at once
    store.append([value('VEN-2', s0, 7)]);
    expect(store.query({ venId: 'VEN-1' }).map((v) => v.value)).toEqual([2, 3, 4]);
    expect(store.query({ venId: 'VEN-2' }).map((v) => v.value)).toEqual([7]);
    expect(store.stats().values).toBe(4);
  });

  it('forgets values older than maxAgeMs as the clock moves', async () => {
    const clock = new Clock();
    const store = await opened({ maxAgeMs: 3_600_000 }, clock);
    store.append([value('VEN-1', s0 - 7_200_000, 0), value('VEN-1', s0 - 60_000, 1), value('VEN-1', s0, 2)]);
    expect(store.query({}).map((v) => v.value)).toEqual([1, 2]);
    clock.advance(3_600_000 - 30_000);
    expect(store.query({}).map((v) => v.value)).toEqual([2]);
    clock.advance(3_600_000);
    expect(store.latest('VEN-1')).toBeUndefined();
    store.append([value('VEN-1', clock.ms, 3)]);
    expect(store.stats().values).toBe(1);
  });

  it('refuses bad values as a whole, storing nothing', async () => {
    const store = await opened();
    expect(() => store.append([value('VEN-1', s0, 1), value('VEN-1', Number.NaN, 2)])).toThrow(/time is not a valid Date/);
    expect(() => store.append([value('VEN-1', s0, Number.POSITIVE_INFINITY)])).toThrow(/not a finite number/);
    expect(() => store.append([value('VEN-1', s0, 'high' as never)])).toThrow(/neither a number nor a resource status/);
    expect(store.stats().values).toBe(0);
  });

  it('refuses malformed queries clearly', async () => {
    const store = await opened();
    expect(() => store.query({ from: new Date('garbage') })).toThrow(/query.from is not a valid Date/);
    expect(() => store.query({ limit: -1 })).toThrow(/limit must be a non-negative integer/);
    expect(() => store.aggregate({ fn: 'median' as never })).toThrow(/unknown aggregate function "median"/);
  });
});
