// Measures PostgreSQL telemetry ingest: 500 VENs sending 6-value updates, 64 messages in flight (as concurrent
// oadrUpdateReport requests are), then the reads the VTN makes per message and one retention run. Prints figures;
// asserts correctness only (the machine is shared, so timings vary).
import { performance } from 'node:perf_hooks';
import { afterEach, expect, it } from 'vitest';
import { PostgresTelemetryStore } from '../../../src/telemetry/postgres-telemetry-store.js';
import type { ReportValue } from '../../../src/telemetry/report-value.js';
import { describePostgres } from '../../helpers/postgres.js';
import { Clock, START, value } from './telemetry-fixtures.js';

const VENS = 500;
const PER_MESSAGE = 6;
const MESSAGES = 20_000;
const IN_FLIGHT = 64;
const stores: PostgresTelemetryStore[] = [];
afterEach(async () => {
  for (const s of stores.splice(0)) await s.close();
});

const message = (n: number): ReportValue[] => Array.from({ length: PER_MESSAGE }, (_, k) =>
  value(`VEN-${n % VENS}`, START.getTime() + Math.floor(n / VENS) * 60_000 + k * 10_000, 1000 + (n % 97), { durationMs: 10_000 }));

async function timed<T>(fn: () => Promise<T>): Promise<[T, number]> {
  const t = performance.now();
  const out = await fn();
  return [out, performance.now() - t];
}

describePostgres('PostgreSQL telemetry volume', (db) => {
  it(`${MESSAGES} messages of ${PER_MESSAGE} values from ${VENS} VENs, ${IN_FLIGHT} in flight`, async () => {
    const clock = new Clock();
    const store = new PostgresTelemetryStore({ url: db.url, now: clock.now, maxPerSeries: 200, retentionEveryMs: 3_600_000 });
    stores.push(store);
    await store.open();
    // An autovacuum worker on this database would make the helper's DROP DATABASE … WITH (FORCE) fail for a
    // non-superuser role ("must be a member of the role whose process is being terminated").
    await db.sql('ALTER TABLE vtn_telemetry SET (autovacuum_enabled = false)');
    await db.sql('ALTER TABLE vtn_telemetry_series SET (autovacuum_enabled = false)');
    let next = 0;
    const worker = async () => {
      while (next < MESSAGES) await store.append(message(next++));
    };
    const [, appendMs] = await timed(() => Promise.all(Array.from({ length: IN_FLIGHT }, worker)));
    const total = MESSAGES * PER_MESSAGE;
    expect(await store.stats()).toMatchObject({ values: total, series: VENS });

    let sequential = 0;
    const [, seqMs] = await timed(async () => {
      for (; sequential < 500; sequential += 1) await store.append(message(MESSAGES + sequential));
    });
    const [held, seriesMs] = await timed(() => store.seriesOf('VEN-7'));
    expect(held.size).toBe(1);
    const [latest, latestMs] = await timed(() => store.latest('VEN-7'));
    expect(latest?.venId).toBe('VEN-7');
    const [hour, hourMs] = await timed(() => store.query({ venId: 'VEN-7', from: START, to: new Date(START.getTime() + 3_600_000) }));
    expect(hour.length).toBeGreaterThan(0);
    const [, pruneMs] = await timed(() => store.prune());
    expect((await store.stats()).values).toBe(VENS * 200);
    const { bytesOnDisk } = await store.stats();

    console.log(
      `[postgres telemetry] ${total} values appended in ${appendMs.toFixed(0)} ms = ${Math.round(total / (appendMs / 1000))} values/s ` +
      `(${Math.round(MESSAGES / (appendMs / 1000))} messages/s, ${IN_FLIGHT} in flight); one caller, one message at a time: ` +
      `${(seqMs / sequential).toFixed(2)} ms/message; seriesOf ${seriesMs.toFixed(1)} ms, latest ${latestMs.toFixed(1)} ms, ` +
      `VEN-hour query ${hourMs.toFixed(1)} ms; retention to 200/series deleted ${total + sequential * PER_MESSAGE - VENS * 200} values in ` +
      `${pruneMs.toFixed(0)} ms; ${(bytesOnDisk / 1024 / 1024).toFixed(1)} MiB for ${VENS * 200} values`,
    );
  }, 300_000);
});
