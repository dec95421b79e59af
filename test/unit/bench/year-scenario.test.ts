// "A year" in miniature: daily events with retention on leave only a week live, the rest archived, on both stores;
// the sampled VENs' polls and acknowledgements go through the real dispatcher.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { stateBytes, type BenchState } from '../../../src/bench/bench-state.js';
import { runYear } from '../../../src/bench/year-scenario.js';
import { describePostgres } from '../../helpers/postgres.js';

const work = mkdtempSync(join(tmpdir(), 'year-scenario-test-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

async function expectBoundedYear(state: BenchState): Promise<void> {
  mkdirSync(state.dataDir, { recursive: true });
  const year = await runYear({ state, vens: 40, days: 12, sampled: 3 });
  expect(year.dispatched).toBe(12 * 3 * 2);
  // Live P7D: the events of the last week stay (each ended within 7 days), the older ones are archived summaries.
  expect(year.live.events).toBeGreaterThanOrEqual(6);
  expect(year.live.events).toBeLessThanOrEqual(8);
  expect(year.live.archived).toBe(12 - year.live.events);
  expect(year.live.deliveries).toBe(year.live.events * 40);
  expect(Object.values(year.phases).every((ms) => ms >= 0)).toBe(true);
}

describe('runYear on the file store', () => {
  it('12 daily events to 40 VENs keep a week live and archive the rest', async () => {
    const state: BenchState = { kind: 'file', dataDir: join(work, 'file') };
    await expectBoundedYear(state);
    expect(await stateBytes(state, undefined)).toBeGreaterThan(0);
  });
});

describePostgres('runYear on PostgreSQL', (db) => {
  it('12 daily events to 40 VENs keep a week live and archive the rest', async () => {
    await expectBoundedYear({ kind: 'postgres', dataDir: join(work, 'pg'), store: { kind: 'postgres', url: db.url } });
    const [counts] = await db.sql<{ events: string }>("SELECT count(*)::text AS events FROM vtn_records WHERE collection = 'events'");
    expect(Number(counts!.events)).toBeLessThanOrEqual(8);
  });
});
