// Measures a day of 10-second telemetry for 10 VENs (8,640 values per VEN-day). Prints figures; asserts only correctness.
import { performance } from 'node:perf_hooks';
import { afterEach, describe, expect, it } from 'vitest';
import { FileTelemetryStore } from '../../../src/telemetry/file-telemetry-store.js';
import { Clock, START, tempDir, value } from './telemetry-fixtures.js';

const VENS = 10;
const PER_VEN_DAY = 86_400 / 10;
const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));

const ms = (t0: number): string => `${(performance.now() - t0).toFixed(1)} ms`;

describe('telemetry volume', () => {
  it.each([6, 1])('one VEN-day x 10 VENs, %i value(s) per oadrUpdateReport', async (perMessage) => {
    const t = tempDir();
    cleanups.push(t.cleanup);
    const clock = new Clock();
    const store = new FileTelemetryStore({ dataDir: t.dir, now: clock.now });
    await store.open();
    const t0 = performance.now();
    for (let step = 0; step < PER_VEN_DAY; step += perMessage) {
      clock.ms = START.getTime() + (step + perMessage) * 10_000;
      for (let ven = 0; ven < VENS; ven += 1) {
        const batch = [];
        for (let k = 0; k < perMessage; k += 1) {
          batch.push(value(`VEN-${ven}`, START.getTime() + (step + k) * 10_000, 1000 + ven + ((step + k) % 60), { durationMs: 10_000 }));
        }
        await store.append(batch);
      }
    }
    const appendTime = ms(t0);
    const stats = await store.stats();
    expect(stats.values).toBe(VENS * PER_VEN_DAY);
    expect(stats.series).toBe(VENS);

    let q = performance.now();
    const day = await store.query({ venId: 'VEN-3' });
    const dayQuery = ms(q);
    expect(day).toHaveLength(PER_VEN_DAY);
    q = performance.now();
    const hour = await store.query({ venId: 'VEN-3', from: new Date(START.getTime() + 3_600_000), to: new Date(START.getTime() + 7_200_000) });
    const hourQuery = ms(q);
    expect(hour).toHaveLength(360);
    q = performance.now();
    const avg = await store.aggregate({ measurement: 'powerReal', fn: 'avg' });
    const aggTime = ms(q);
    expect(avg).toBeCloseTo(1000 + 4.5 + 29.5, 6);
    q = performance.now();
    const latest = await store.latest('VEN-9');
    const latestTime = ms(q);
    expect(latest?.time.getTime()).toBe(START.getTime() + (PER_VEN_DAY - 1) * 10_000);
    await store.close();

    q = performance.now();
    const again = new FileTelemetryStore({ dataDir: t.dir, now: clock.now });
    await again.open();
    const reopen = ms(q);
    expect((await again.stats()).values).toBe(VENS * PER_VEN_DAY);
    await again.close();

    console.log(
      `[telemetry volume, ${perMessage}/message] ${stats.values} values, ${stats.segments} segments, ` +
      `${(stats.bytesOnDisk / 1024 / 1024).toFixed(2)} MiB on disk (${(stats.bytesOnDisk / stats.values).toFixed(1)} B/value); ` +
      `append all ${appendTime}; query VEN-day ${dayQuery}; query VEN-hour ${hourQuery}; avg over all ${aggTime}; ` +
      `latest ${latestTime}; reopen ${reopen}`,
    );
  }, 120_000);
});
