// The bench's PostgreSQL: a database per state on the given server (dropped at close), its size and rows, and the
// throw-away cluster the bench starts when no URL is given (loopback, temporary folder, removed at stop).
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, expect, it } from 'vitest';
import { BenchPostgres } from '../../../src/bench/bench-postgres.js';
import { newState, stateBytes } from '../../../src/bench/bench-state.js';
import { startCluster } from '../../../src/bench/pg-cluster.js';
import { seedState } from '../../../src/bench/seed-state.js';
import { describePostgres, TEST_DATABASE_URL } from '../../helpers/postgres.js';

const work = mkdtempSync(join(tmpdir(), 'bench-postgres-test-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

async function databaseExists(serverUrl: string, name: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    return (await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name])).rowCount === 1;
  } finally {
    await client.end();
  }
}

describePostgres('BenchPostgres on the test server', () => {
  it('seeds a state in a database of its own, weighs it, and drops it at close', async () => {
    const bench = await BenchPostgres.open(() => undefined);
    const state = await newState('postgres', join(work, 'pg'), bench, 'test');
    const name = new URL(state.store!.url!).pathname.slice(1);
    expect(name).toMatch(/^vtn_bench_test_[0-9a-f]{8}$/);
    await seedState({ state, vens: 30, events: 3, now: new Date('2026-06-01T00:00:00Z') });
    // 30 VENs, 3 events, 30 deliveries (one per VEN) and the meta records the store keeps.
    expect((await bench.rowCounts(state.store!.url!)).records).toBeGreaterThanOrEqual(63);
    expect(await stateBytes(state, bench)).toBeGreaterThan(0);
    expect(await databaseExists(TEST_DATABASE_URL!, name)).toBe(true);
    await bench.close();
    expect(await databaseExists(TEST_DATABASE_URL!, name)).toBe(false);
  });
});

const installed = existsSync('/usr/lib/postgresql');
const inCi = process.env.CI !== undefined && process.env.CI !== '' && process.env.CI !== 'false';
if (!installed && !inCi) console.warn('SKIPPED "a throw-away cluster": no PostgreSQL server installed under /usr/lib/postgresql');
it.skipIf(!installed && !inCi)('a throw-away cluster listens on 127.0.0.1 with a password and is removed at stop', async () => {
  const lines: string[] = [];
  const cluster = await startCluster((l) => lines.push(l));
  const dir = /initdb (\S+)\/data/.exec(lines[0]!)?.[1];
  try {
    const url = new URL(cluster.url);
    expect(url.hostname).toBe('127.0.0.1');
    expect(url.password).toMatch(/^[0-9a-f]{24}$/);
    const client = new pg.Client({ connectionString: cluster.url });
    await client.connect();
    expect((await client.query<{ one: number }>('SELECT 1 AS one')).rows[0]!.one).toBe(1);
    await client.end();
    const wrong = new URL(cluster.url);
    wrong.password = 'wrong';
    await expect(new pg.Client({ connectionString: wrong.toString() }).connect()).rejects.toThrow(/password authentication failed/);
  } finally {
    cluster.stop();
  }
  expect(dir && existsSync(dir)).toBe(false);
  expect(lines.at(-1)).toMatch(/stopped, .* removed/);
}, 60_000);
