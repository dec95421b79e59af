// limits.seriesPerVen as 2.0b updates and 3.1 reports apply it: new series only within the cap, values for held
// series always; the store is read only when it cannot tell that every series is held.
import { describe, expect, it } from 'vitest';
import { MemoryTelemetryStore } from '../../../src/telemetry/memory-telemetry-store.js';
import { seriesOverCap } from '../../../src/telemetry/series-cap.js';
import { START, value } from './telemetry-fixtures.js';

const s0 = START.getTime();

async function storeWith(measurements: string[]): Promise<{ store: MemoryTelemetryStore; reads: () => number }> {
  const store = new MemoryTelemetryStore({ now: () => START });
  await store.append(measurements.map((measurement) => value('VEN-1', s0, 1, { measurement })));
  let reads = 0;
  const seriesOf = store.seriesOf.bind(store);
  store.seriesOf = async (venId) => { reads += 1; return seriesOf(venId); };
  return { store, reads: () => reads };
}

describe('seriesOverCap', () => {
  it('refuses values that would open series beyond the cap, naming how many', async () => {
    const { store } = await storeWith(['a', 'b']);
    const values = [value('VEN-1', s0, 1, { measurement: 'c' }), value('VEN-1', s0, 1, { measurement: 'd' }), value('VEN-1', s0, 1, { measurement: 'a' })];
    expect(await seriesOverCap(store, 'VEN-1', values, 3)).toEqual({ fresh: 2, held: 2 });
    expect(await seriesOverCap(store, 'VEN-1', values, 4)).toBeUndefined();
  });

  it('never refuses values for series the VEN holds, even over a cap lowered since, and reads nothing for them', async () => {
    const { store, reads } = await storeWith(['a', 'b', 'c']);
    expect(await seriesOverCap(store, 'VEN-1', [value('VEN-1', s0, 2, { measurement: 'b' })], 2)).toBeUndefined();
    expect(reads()).toBe(0);
    expect(await seriesOverCap(store, 'VEN-1', [value('VEN-1', s0, 2, { measurement: 'z' })], 2)).toEqual({ fresh: 1, held: 3 });
    expect(reads()).toBe(1);
  });
});
