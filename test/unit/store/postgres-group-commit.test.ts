// Group commit on PostgreSQL (pg-commit.ts commitGroup, vtn_commit_group): units reaching commit together share one
// statement, yet each is judged alone — one that lost a version race re-runs (or fails) by itself, the others commit.
// Likewise the VEN-rows reads of units that start together (ven-rows-read.ts) share one statement.
import pg from 'pg';
import { expect, it, vi } from 'vitest';
import { VtnError } from '../../../src/errors.js';
import type { VenRecord } from '../../../src/store/index.js';
import { commitGroup } from '../../../src/store/postgres/pg-commit.js';
import type { Query } from '../../../src/store/postgres/pg-row-source.js';
import { WriteConflict } from '../../../src/store/unit/row-source.js';
import { describePostgres } from '../../helpers/postgres.js';
import { postgresStores } from '../../helpers/postgres-stores.js';
import { recordingLogger, ven } from './store-test-kit.js';

/** The commit statements sent while `fn` runs: units per statement (the group functions' $22 has one notice per unit). */
async function commitsDuring(fn: () => Promise<void>, functions: string[] = []): Promise<number[]> {
  const units: number[] = [];
  const original = pg.Client.prototype.query as (...args: unknown[]) => unknown;
  const spy = vi.spyOn(pg.Client.prototype, 'query').mockImplementation(function (this: pg.Client, ...args: unknown[]) {
    const q = args[0] as { text?: string; values?: unknown[] };
    const called = /vtn_commit(_group|_set)?\(/.exec(q?.text ?? '')?.[0];
    if (called) functions.push(called);
    if (called === 'vtn_commit(') units.push(1); // a unit alone
    else if (called) units.push((q.values![21] as unknown[]).length);
    return original.apply(this, args) as never;
  });
  try {
    await fn();
  } finally {
    spy.mockRestore();
  }
  return units;
}

describePostgres('PostgresStore: group commit', (db) => {
  const open = postgresStores(db, () => ({ poolSize: 3, logger: recordingLogger() }));
  const venIds = ['v1', 'v2', 'v3', 'v4', 'v5'];

  it.each([
    ['re-runs alone', 8],
    ['fails alone', 1],
  ])('a unit of a group that lost a version race %s; the others of its group commit once', async (_how, attempts) => {
    const [a, b] = [await open(), await open()];
    await a.unit(async (u) => { for (const v of venIds) u.vens.put(v, ven(v, { venName: `name-${v}` })); });
    let release!: () => void;
    const gate = new Promise<void>((done) => { release = done; });
    const runs = new Map<string, number>();
    // Each unit reads its VEN, waits at the gate, then writes it: all five reach commit in the same turn.
    const rename = (venId: string) => a.unit(async (u) => {
      const record = (await u.vens.get(venId)) as VenRecord;
      runs.set(venId, (runs.get(venId) ?? 0) + 1);
      await gate;
      u.vens.put(venId, { ...record, venName: `${record.venName}+a` });
    }, { attempts });
    let outcomes: PromiseSettledResult<void>[] = [];
    const functions: string[] = [];
    const commits = await commitsDuring(async () => {
      const units = venIds.map(rename);
      await vi.waitFor(() => expect(runs.size).toBe(5)); // every unit has read its VEN
      // Another instance changes v3 after a's unit read it: that unit's conditional write must lose.
      await b.unit(async (u) => { const r = (await u.vens.get('v3'))!; u.vens.put('v3', { ...r, venName: 'renamed-on-b' }); });
      release();
      outcomes = await Promise.allSettled(units);
    }, functions);
    expect(new Set(functions)).toEqual(new Set(['vtn_commit_set('])); // judged in the set-based statement, no fallback
    const names = Object.fromEntries([...(await a.unit((u) => u.vens.getMany(venIds))).entries()].map(([k, v]: [string, VenRecord]) => [k, v.venName]));
    if (attempts > 1) {
      expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'fulfilled', 'fulfilled', 'fulfilled', 'fulfilled']);
      expect(Object.fromEntries(runs)).toEqual({ v1: 1, v2: 1, v3: 2, v4: 1, v5: 1 });
      expect(names.v3).toBe('renamed-on-b+a'); // its re-run read b's change
      // a's five units in one statement, then the re-run (b's commit is on b's own pool: also counted here, alone).
      expect(commits.filter((n) => n === 5)).toHaveLength(1);
      expect(commits).toHaveLength(3);
    } else {
      expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'fulfilled', 'fulfilled']);
      const error = (outcomes[2] as PromiseRejectedResult).reason as VtnError;
      expect(error).toBeInstanceOf(VtnError);
      expect(error.code).toBe('E_STORE_CONFLICT');
      expect(names.v3).toBe('renamed-on-b');
      expect(commits).toEqual([1, 5]);
    }
    for (const v of ['v1', 'v2', 'v4', 'v5']) expect(names[v]).toBe(`name-${v}+a`);
  });

  it('sends 40 concurrent small units as two statements (32 per group at most), and a large unit alone', async () => {
    const a = await open();
    const before = a.stats();
    const commits = await commitsDuring(async () => {
      await Promise.all(Array.from({ length: 40 }, (_, i) => a.unit(async (u) => u.vens.put(`v${i}`, ven(`v${i}`)))));
      await a.unit(async (u) => { for (let i = 0; i < 100; i++) u.deliveries.put(`e1\u0000v${i}`, { eventId: 'e1', venId: `v${i}` }); });
    });
    await a.noticesSent();
    const after = a.stats();
    expect(commits).toEqual([32, 8, 1]);
    expect(after.queries - before.queries - (after.notices - before.notices)).toBe(3);
    expect(await db.sql("SELECT collection, count(*)::int AS n FROM vtn_records GROUP BY collection ORDER BY collection")).toEqual([
      { collection: 'deliveries', n: 100 }, { collection: 'vens', n: 40 },
    ]);
  });

  it('reads the rows of 20 VENs whose units start together in one statement, each VEN getting only its own', async () => {
    const a = await open({ venRowsCacheMs: 0 });
    const ids = Array.from({ length: 20 }, (_, i) => `v${i}`);
    await a.unit(async (u) => {
      for (const v of ids) {
        u.vens.put(v, ven(v));
        u.deliveries.put(`e1\u0000${v}`, { eventId: 'e1', venId: v });
      }
      u.pending.put('v7', { venId: 'v7', items: [{ kind: 'registerReport' }] });
    });
    await a.noticesSent();
    const before = a.stats();
    const seen = await Promise.all(ids.map((v) => a.unit(async (u) => {
      await u.prefetch(v);
      return [(await u.vens.get(v))?.venId, (await u.deliveries.find('venId', v)).map((d) => d.venId), (await u.pending.get(v)) !== undefined];
    })));
    const after = a.stats();
    expect(seen).toEqual(ids.map((v) => [v, [v], v === 'v7']));
    expect(after.queries - before.queries - (after.notices - before.notices)).toBe(1);
  });

  it('runs a group unit by unit (vtn_commit_group) when the set-based statement raises: each unit still judged alone', async () => {
    const a = await open();
    await a.unit(async (u) => { u.vens.put('v1', ven('v1')); u.vens.put('v2', ven('v2')); });
    const versions = await db.sql<{ key: string; version: string }>("SELECT key, version FROM vtn_records WHERE collection = 'vens' ORDER BY key");
    const pool = new pg.Pool({ connectionString: db.url, max: 1 });
    const sent: string[] = [];
    const query: Query = async <R>(sql: string, params: unknown[]) => {
      sent.push(/vtn_commit_\w+/.exec(sql)?.[0] ?? sql);
      if (sql.includes('vtn_commit_set(')) throw Object.assign(new Error('a record was created meanwhile'), { code: 'VTN02' });
      return (await pool.query(sql, params)).rows as R[];
    };
    try {
      const outs = await commitGroup(query, [
        { writes: [{ collection: 'vens', key: 'v1', value: ven('v1', { venName: 'one' }), expected: Number(versions[0]!.version) }], payload: undefined },
        { writes: [{ collection: 'vens', key: 'v2', value: ven('v2', { venName: 'two' }), expected: Number(versions[1]!.version) + 5 }], payload: undefined },
        { writes: [{ collection: 'vens', key: 'v3', value: ven('v3'), expected: 0 }], payload: undefined },
      ], 'vtn_changes');
      expect(sent).toEqual(['vtn_commit_set', 'vtn_commit_group']);
      expect(outs[0]).toEqual([expect.objectContaining({ version: Number(versions[0]!.version) + 1 })]);
      expect(outs[1]).toBeInstanceOf(WriteConflict);
      expect(outs[2]).toEqual([expect.objectContaining({ version: 1 })]);
    } finally {
      await pool.end();
    }
    expect(await db.sql("SELECT key, value->>'venName' AS name FROM vtn_records WHERE collection = 'vens' ORDER BY key")).toEqual([
      { key: 'v1', name: 'one' }, { key: 'v2', name: null }, { key: 'v3', name: null },
    ]);
  });
});
