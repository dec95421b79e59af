// PostgreSQL-only behaviour: migrations under concurrent starts, a newer schema refused, index rows by difference,
// the value cache, round trips per poll and per commit, and recovery of the LISTEN and lock sessions.
import pg from 'pg';
import { expect, it, vi } from 'vitest';
import { VtnError } from '../../../src/errors.js';
import { PostgresStore, type ChangeNotice, type Store, type Unit } from '../../../src/store/index.js';
import { describePostgres } from '../../helpers/postgres.js';
import { postgresStores } from '../../helpers/postgres-stores.js';
import { event } from './contract/harness.js';
import { recordingLogger, ven } from './store-test-kit.js';

describePostgres('PostgresStore', (db) => {
  const open = postgresStores(db, () => ({ poolSize: 3, logger: recordingLogger() }));
  const indexRowsWrittenWithRecord = async (key: string) => (await db.sql<{ n: string }>(
    `SELECT count(*) AS n FROM vtn_index WHERE collection = 'events' AND key = $1
     AND xmin = (SELECT xmin FROM vtn_records WHERE collection = 'events' AND key = $1)`, [key]))[0]!.n;

  it('applies each migration once when several instances start together on an empty database', async () => {
    await db.sql('DROP TABLE IF EXISTS vtn_records, vtn_index, vtn_telemetry, vtn_telemetry_series, vtn_migrations');
    const loggers = [recordingLogger(), recordingLogger(), recordingLogger()];
    await Promise.all(loggers.map((logger) => open({ logger })));
    expect(await db.sql('SELECT version, name FROM vtn_migrations ORDER BY version')).toEqual([
      { version: 1, name: 'records and declared indexes' },
      { version: 2, name: 'telemetry values' },
      { version: 3, name: 'telemetry series counts and time index' },
      { version: 4, name: 'venName index of registered VENs' },
      { version: 5, name: 'decision log lanes' },
      { version: 6, name: 'one-statement commit' },
      { version: 7, name: 'commit runs only the steps it needs' },
      { version: 8, name: 'group commit of several units' },
      { version: 9, name: 'set-based group commit' },
    ]);
    const applied = loggers.flatMap((l) => l.lines).filter((l) => /applied 1, 2, 3, 4, 5, 6, 7, 8, 9/.test(l.message));
    expect(applied).toHaveLength(1);
  });

  it('refuses a database whose schema is newer than this VTN, with E_STORE_UNAVAILABLE', async () => {
    await open();
    await db.sql("INSERT INTO vtn_migrations (version, name) VALUES (99, 'from the future')");
    try {
      const error = await open().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(VtnError);
      expect((error as VtnError).code).toBe('E_STORE_UNAVAILABLE');
      expect((error as VtnError).message).toMatch(/schema is at version 99, newer than this VTN knows \(9\)/);
    } finally {
      await db.sql('DELETE FROM vtn_migrations WHERE version = 99');
    }
  });

  it('migrations 4 and 5 index what was stored before them: venNames of VENs, lanes of decisions', async () => {
    const first = await open();
    await first.unit(async (u) => {
      u.vens.put('V-OLD', { ...ven('V-OLD'), venName: 'maple-3' });
      u.collection('decisions').put('d-old', { id: 'd-old', trigger: 'telemetry', subject: 'V-OLD' });
    });
    await first.close();
    // As a version-3 database holds them: no venName or lane index rows, migrations 4 and 5 not yet applied.
    await db.sql("DELETE FROM vtn_index WHERE collection IN ('vens', 'decisions') AND index_name IN ('venName', 'lane')");
    await db.sql('DELETE FROM vtn_migrations WHERE version >= 4');
    const upgraded = await open();
    expect((await upgraded.unit((u) => u.vens.find('venName', 'maple-3'))).map((v) => v.venId)).toEqual(['V-OLD']);
    expect(await upgraded.unit((u) => u.collection('decisions').find('lane', 'telemetry'))).toEqual([{ id: 'd-old', trigger: 'telemetry', subject: 'V-OLD' }]);
  });

  it('orders keys with \\u0000, \\u0001 and non-ASCII as the local stores do', async () => {
    const store = await open();
    const keys = ['b', 'a\u0001', 'a\u0000b', 'é', 'a', 'a\u0000', 'a\u0002', 'Z'];
    await store.unit(async (u) => { for (const k of keys) u.meta.put(k, k); });
    const listed = await store.unit(async (u) => (await u.meta.list()).map((r) => r.key));
    expect(listed).toEqual([...keys].sort());
    expect(await store.unit(async (u) => (await u.meta.list({ after: 'a\u0000', limit: 2 })).map((r) => r.key))).toEqual(['a\u0000b', 'a\u0001']);
  });

  it('writes only the index rows that changed: editing a 10,000-VEN event rewrites none of them', async () => {
    const store = await open();
    const venIds = Array.from({ length: 10_000 }, (_, i) => `ven-${i}`);
    await store.unit(async (u) => u.collection('events').put('e1', event('e1', venIds)));
    expect(await indexRowsWrittenWithRecord('e1')).toBe('10001'); // 10,000 venIds + endsAt
    await store.unit(async (u) => {
      const e = (await u.collection<ReturnType<typeof event>>('events').get('e1'))!;
      u.collection('events').put('e1', { ...e, vtnComment: 'new text' });
    });
    expect(await indexRowsWrittenWithRecord('e1')).toBe('0');
    await store.unit(async (u) => {
      const e = (await u.collection<ReturnType<typeof event>>('events').get('e1'))!;
      u.collection('events').put('e1', { ...e, venIds: [...e.venIds.slice(1), 'ven-new-1', 'ven-new-2'] });
    });
    expect(await indexRowsWrittenWithRecord('e1')).toBe('2');
    expect(await db.sql("SELECT count(*)::int AS n FROM vtn_index WHERE key = 'e1'")).toEqual([{ n: 10_002 }]);
    expect(await store.unit(async (u) => (await u.events.find('venId', 'ven-0')).length)).toBe(0);
    expect(await store.unit(async (u) => (await u.events.find('venId', 'ven-new-2')).length)).toBe(1);
  });

  it('answers a repeated find from the value cache when the rows did not change (measured with and without)', async () => {
    const venIds = Array.from({ length: 10_000 }, (_, i) => `ven-${i}`);
    const writer = await open();
    await writer.unit(async (u) => u.collection('events').put('big', event('big', venIds)));
    const timeFinds = async (store: PostgresStore, n: number) => {
      const start = performance.now();
      for (let i = 0; i < n; i++) await store.unit((u) => u.events.find('venId', `ven-${i}`));
      return (performance.now() - start) / n;
    };
    const cached = await open();
    const uncached = await open({ cacheEntries: 0 });
    await timeFinds(cached, 1);
    const before = cached.stats().cache;
    const withCache = await timeFinds(cached, 40);
    expect(cached.stats().cache.fetched).toBe(before.fetched);
    expect(cached.stats().cache.hits).toBe(before.hits + 40);
    const withoutCache = await timeFinds(uncached, 40);
    expect(uncached.stats().cache.fetched).toBe(40);
    console.log(`find on a 10,000-venId event: ${withCache.toFixed(2)} ms with the value cache, ${withoutCache.toFixed(2)} ms without`);
    // A change is seen at once: the version moved, so the new value is fetched.
    await writer.unit(async (u) => u.collection('events').put('big', event('big', venIds, { vtnComment: 'changed' })));
    expect(await cached.unit(async (u) => (await u.events.find('venId', 'ven-1'))[0]?.vtnComment)).toBe('changed');
  });

  it('costs one round trip per read and one per commit (vtn_commit: writes, index rows and NOTIFY in one statement)', async () => {
    const store = await open();
    await store.unit(async (u) => {
      u.vens.put('v1', ven('v1'));
      u.collection('events').put('e1', event('e1', ['v1']));
      u.deliveries.put('e1\u0000v1', { eventId: 'e1', venId: 'v1' });
    });
    const poll = async () => store.unit(async (u) => [await u.vens.get('v1'), await u.events.find('venId', 'v1')]);
    await poll();
    let q = store.stats().queries;
    await poll();
    const pollQueries = store.stats().queries - q;
    q = store.stats().queries;
    // A VEN record: its notice goes inside the commit (deliveries notify after it: the test below).
    await store.unit(async (u) => {
      const v = (await u.vens.get('v1'))!;
      u.vens.put('v1', { ...v, pollFreqMs: 20_000 });
    });
    const commitQueries = store.stats().queries - q - 1;
    console.log(`round trips: poll (get + find) ${pollQueries}, commit of one changed record ${commitQueries}`);
    expect(pollQueries).toBe(2);
    expect(commitQueries).toBe(1); // SELECT vtn_commit(…): the conditional UPDATE, index rows and pg_notify
  });

  it('reads what a poll and an acknowledgement need in one round trip after prefetch(venId)', async () => {
    const store = await open({ venRowsCacheMs: 0 }); // every unit reads (postgres-ven-rows-cache.test.ts: with the cache)
    await store.unit(async (u) => {
      u.vens.put('v1', ven('v1'));
      u.collection('events').put('e1', event('e1', ['v1']));
      u.deliveries.put('e1\u0000v1', { eventId: 'e1', venId: 'v1' });
    });
    const message = async (u: Unit) => {
      await u.prefetch('v1');
      const events = await u.events.find('venId', 'v1');
      return [await u.vens.get('v1'), await u.pending.get('v1'), events.length, (await u.deliveries.getMany(events.map((e) => `${e.eventId}\u0000v1`))).size];
    };
    await store.unit(message); // the event's value, shared by its audience, enters the value cache here
    const q = store.stats().queries;
    expect(await store.unit(message)).toEqual([ven('v1'), undefined, 1, 1]);
    expect(store.stats().queries - q).toBe(1);
  });

  it('commits deliveries and presence without a NOTIFY inside the commit, and sends their notice after it to the other instances', async () => {
    // A NOTIFY inside a commit holds the notify lock through the commit's WAL flush: every notifying commit waited
    // for the one before it (a fan-out ran at one commit per fdatasync). Hot collections notify after the commit.
    const [a, b] = [await open(), await open()];
    const heard: ChangeNotice[] = [];
    b.onChange((n) => heard.push(n));
    const sent: { sql: string; params: unknown[] }[] = [];
    const original = pg.Client.prototype.query as (...args: unknown[]) => unknown;
    const spy = vi.spyOn(pg.Client.prototype, 'query').mockImplementation(function (this: pg.Client, ...args: unknown[]) {
      const q = args[0] as string | { text?: string; values?: unknown[] };
      if (typeof q === 'string') sent.push({ sql: q, params: (args[1] ?? []) as unknown[] });
      else if (q && typeof q.text === 'string') sent.push({ sql: q.text, params: q.values ?? [] });
      return original.apply(this, args) as never;
    });
    try {
      await a.unit(async (u) => u.deliveries.put('e1\u0000v1', { eventId: 'e1', venId: 'v1' }));
      await a.unit(async (u) => u.vens.put('v2', ven('v2')));
      await vi.waitFor(() => expect(heard).toContainEqual({ collections: ['deliveries'], venIds: ['v1'], origin: 'remote' }));
      await vi.waitFor(() => expect(heard).toContainEqual({ collections: ['vens'], venIds: ['v2'], origin: 'remote' }));
    } finally {
      spy.mockRestore();
    }
    // Small units commit through vtn_commit_set (group commit): $3 the collections written, $22 each unit's notice.
    const commits = sent.filter((q) => q.sql.includes('vtn_commit_set('));
    expect(commits.map((q) => [q.params[2], (q.params[21] as unknown[])[0] === null ? 'no notice' : 'notice in the commit'])).toEqual([
      [['deliveries'], 'no notice'],
      [['vens'], 'notice in the commit'],
    ]);
    const after = sent.filter((q) => q.sql.includes('pg_notify') && !q.sql.includes('vtn_commit'));
    expect(after).toHaveLength(1);
    expect(after[0]!.sql).toMatch(/synchronous_commit/);
    expect(String(after[0]!.params[1])).toContain('deliveries');
  });

  it('commits 30 concurrent delivery units in one statement (group commit), their notices coalesced, and every one arrives', async () => {
    const [a, b] = [await open(), await open()];
    const heard = new Set<string>();
    b.onChange((n) => { for (const v of n.venIds) heard.add(v); });
    const q = a.stats();
    await Promise.all(Array.from({ length: 30 }, (_, i) => a.unit(async (u) => u.deliveries.put(`e1\u0000v${i}`, { eventId: 'e1', venId: `v${i}` }))));
    await vi.waitFor(() => expect(heard.size).toBe(30));
    await a.noticesSent();
    const { queries, notices } = a.stats();
    console.log(`30 concurrent delivery commits: ${queries - q.queries} statements (${queries - q.queries - (notices - q.notices)} commit, ${notices - q.notices} of notices)`);
    expect(queries - q.queries - (notices - q.notices)).toBe(1);
    expect(notices - q.notices).toBeGreaterThanOrEqual(1);
    expect(notices - q.notices).toBeLessThan(30);
    expect(await db.sql("SELECT count(*)::int AS n FROM vtn_records WHERE collection = 'deliveries'")).toEqual([{ n: 30 }]);
  });

  it('listens again after its LISTEN connection dies, and says everything may have changed', async () => {
    const [a, b] = [await open(), await open()];
    const heard: ChangeNotice[] = [];
    a.onChange((n) => heard.push(n));
    const { listen } = await a.sessionPids();
    await db.sql('SELECT pg_terminate_backend($1)', [listen]);
    await vi.waitFor(() => expect(heard).toContainEqual({ collections: ['*'], venIds: ['*'], origin: 'remote' }), { timeout: 10_000 });
    await b.unit(async (u) => u.vens.put('v7', ven('v7')));
    await vi.waitFor(() => expect(heard).toContainEqual({ collections: ['vens'], venIds: ['v7'], origin: 'remote' }));
  });

  it('loses a lock whose session died, lets another instance take it, and can take it again later', async () => {
    const [a, b] = [await open(), await open()];
    expect(await a.holdsLock('scheduler')).toBe(true);
    expect(await b.holdsLock('scheduler')).toBe(false);
    await db.sql('SELECT pg_terminate_backend($1)', [(await a.sessionPids()).lock]);
    await vi.waitFor(async () => expect(await a.holdsLock('scheduler')).toBe(false));
    await vi.waitFor(async () => expect(await b.holdsLock('scheduler')).toBe(true));
    await b.close();
    await vi.waitFor(async () => expect(await a.holdsLock('scheduler')).toBe(true));
  });
});
