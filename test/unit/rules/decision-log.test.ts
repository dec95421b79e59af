// The decision log in the store: ids unique across instances and ordered by time, bounded by count and by
// bytes, trimmed from the oldest in key order without reading the whole log.
import { describe, expect, it } from 'vitest';
import type { Evaluation } from '../../../src/rules/engine/evaluate.js';
import { DECISIONS_COLLECTION, DecisionLog } from '../../../src/rules/explain/decision-log.js';
import { LEDGER_KEY, recordBytes } from '../../../src/rules/explain/decision-trim.js';
import { MemoryStore } from '../../../src/store/memory-store.js';
import type { Repository, Store, Unit } from '../../../src/store/store.js';

const T0 = Date.parse('2026-06-01T12:00:00Z');
const evaluation = (atMs: number, note = ''): Evaluation => ({
  trigger: 'telemetry', policyVersion: 'v1', at: new Date(atMs).toISOString(), facts: { 'ven.id': 'ven-1', note }, fired: ['r'], trace: [], decisions: [],
});

async function openStore(): Promise<MemoryStore> {
  const store = new MemoryStore();
  await store.open();
  return store;
}

const keys = (store: Store) => store.unit(async (u) => (await u.collection(DECISIONS_COLLECTION).list()).map((r) => r.key));

/** Counts the decision rows each unit reads through list/get/getMany, and the list calls without a limit. */
function countingView(store: Store) {
  const stats = { rows: 0, unlimitedLists: 0 };
  const wrap = <T>(repo: Repository<T>): Repository<T> => ({
    ...repo,
    get: async (k) => { const v = await repo.get(k); if (v !== undefined) stats.rows += 1; return v; },
    getMany: async (ks) => { const m = await repo.getMany(ks); stats.rows += m.size; return m; },
    has: (k) => repo.has(k), put: (k, v) => repo.put(k, v), create: (k, v) => repo.create(k, v), delete: (k) => repo.delete(k),
    find: (i, v, o) => repo.find(i, v, o), range: (i, b) => repo.range(i, b), count: () => repo.count(),
    list: async (o) => { if (o?.limit === undefined) stats.unlimitedLists += 1; const rows = await repo.list(o); stats.rows += rows.length; return rows; },
  });
  const view: Store = {
    kind: store.kind, onChange: (l) => store.onChange(l), holdsLock: (n) => store.holdsLock(n), open: () => store.open(),
    isReady: () => store.isReady(), flush: () => store.flush(), close: () => store.close(),
    unit: (fn, o) => store.unit((u) => fn(new Proxy(u, {
      get: (target, prop: keyof Unit) => (prop === 'collection'
        ? (name: string) => (name === DECISIONS_COLLECTION ? wrap(target.collection(name)) : target.collection(name))
        : typeof target[prop] === 'function' ? (target[prop] as (...a: unknown[]) => unknown).bind(target) : target[prop]),
    })), o),
  };
  return { view, stats };
}

describe('DecisionLog', () => {
  it('two instances recording in the same millisecond get distinct ids that sort by time', async () => {
    const store = await openStore();
    const a = new DecisionLog(store);
    const b = new DecisionLog(store);
    const recs = await Promise.all([0, 0, 1, 1, 2].flatMap((dt) => [a.record(evaluation(T0 + dt), 'ven-1', []), b.record(evaluation(T0 + dt), 'ven-1', [])]));
    const ids = recs.map((r) => r.id);
    expect(new Set(ids).size).toBe(10);
    for (const id of ids) expect(id).toMatch(/^d-[0-9a-z]{9}-[0-9a-z]{4}-[0-9a-z]{6}$/);
    const sorted = [...ids].sort();
    expect(sorted.map((id) => recs.find((r) => r.id === id)!.at)).toEqual([...recs.map((r) => r.at)].sort());
    expect(await keys(store)).toEqual(sorted);
    expect((await a.list(3)).map((r) => r.at)).toEqual([2, 2, 1].map((dt) => new Date(T0 + dt).toISOString()));
  });

  it('is bounded by count: the oldest go first, trimmed a tenth of the budget at a time', async () => {
    const store = await openStore();
    const log = new DecisionLog(store, { maxCount: 20 });
    for (let i = 0; i < 65; i++) await log.record(evaluation(T0 + i * 1000), 'ven-1', [`n${i}`]);
    const left = await keys(store);
    // At most a tenth of the budget (2) over it between trims.
    expect(left.length).toBeGreaterThanOrEqual(20);
    expect(left.length).toBeLessThanOrEqual(22);
    await log.trim();
    const kept = await log.list(100);
    expect(kept).toHaveLength(20);
    expect(kept.map((r) => r.outcomes[0])).toEqual(Array.from({ length: 20 }, (_, i) => `n${64 - i}`));
  });

  it('is bounded by bytes: large records push out more of the old ones', async () => {
    const store = await openStore();
    const log = new DecisionLog(store, { maxCount: 1000, maxBytes: 20_000 });
    const big = 'x'.repeat(200);
    for (let i = 0; i < 200; i++) await log.record({ ...evaluation(T0 + i * 1000), facts: Object.fromEntries(Array.from({ length: 8 }, (_, k) => [`f${k}`, big])) }, 'ven-1', [`n${i}`]);
    await log.trim();
    const kept = await store.unit(async (u) => (await u.collection<never>(DECISIONS_COLLECTION).list()).map((r) => r.value));
    const bytes = kept.reduce((sum, r) => sum + recordBytes(r), 0);
    expect(bytes).toBeLessThanOrEqual(20_000);
    expect(bytes).toBeGreaterThan(20_000 - 2 * recordBytes(kept[0]!));
    expect(kept.length).toBeLessThan(200);
    expect((kept.at(-1) as unknown as { outcomes: string[] }).outcomes[0]).toBe('n199');
    expect(await store.unit((u) => u.meta.get(LEDGER_KEY))).toMatchObject({ count: kept.length, bytes });
  });

  it('a trim reads only the records added since the last one and those it deletes, never the whole log', async () => {
    const store = await openStore();
    const { view, stats } = countingView(store);
    const log = new DecisionLog(view, { maxCount: 500 });
    for (let i = 0; i < 1000; i++) await log.record(evaluation(T0 + i), 'ven-1', []);
    stats.rows = 0;
    stats.unlimitedLists = 0;
    // 50 more (a tenth of the budget): one trim accounts for them and deletes 50 of the oldest.
    for (let i = 1000; i < 1050; i++) await log.record(evaluation(T0 + i), 'ven-1', []);
    expect(stats.unlimitedLists).toBe(0);
    expect(stats.rows).toBeLessThanOrEqual(50 + 50 + 1);
    expect(await store.unit((u) => u.collection(DECISIONS_COLLECTION).count())).toBe(500);
  });

  it('a record committed behind the trim cursor (a slower instance) is still counted', async () => {
    const store = await openStore();
    const log = new DecisionLog(store, { maxCount: 10 });
    for (let i = 0; i < 12; i++) await log.record(evaluation(T0 + 100_000 + i), 'ven-1', []);
    await log.trim();
    // Another instance commits records stamped before everything the ledger has seen.
    const other = new DecisionLog(store, { maxCount: 10 });
    for (let i = 0; i < 5; i++) await other.record(evaluation(T0 + i), 'ven-1', [`old${i}`]);
    await log.trim();
    expect(await store.unit((u) => u.collection(DECISIONS_COLLECTION).count())).toBe(10);
    expect((await log.list(10)).some((r) => r.outcomes[0]?.startsWith('old'))).toBe(false);
  });

  it('get reads one record; list returns the newest first from a log spread over weeks', async () => {
    const store = await openStore();
    const log = new DecisionLog(store, { now: () => T0 + 30 * 86_400_000 });
    const recs = [];
    for (let i = 0; i < 300; i++) recs.push(await log.record(evaluation(T0 + i * 3_600_000), 'ven-1', [`n${i}`]));
    expect(await log.get(recs[7]!.id)).toEqual(recs[7]);
    expect(await log.get('d-nope')).toBeUndefined();
    expect((await log.list(5)).map((r) => r.outcomes[0])).toEqual(['n299', 'n298', 'n297', 'n296', 'n295']);
    expect(await log.list(0)).toEqual([]);
  });

  it('each trigger and the refusals keep their own budget: a flood of refusals or telemetry never evicts the others', async () => {
    const store = await openStore();
    let t = T0;
    const log = new DecisionLog(store, { maxCount: 20, refusalMaxCount: 5, refusalsPerMinute: 1000, now: () => t });
    const of = (trigger: Evaluation['trigger']) => ({ ...evaluation(t), trigger });
    for (let i = 0; i < 3; i += 1) await log.record(of('registration'), `ven-${i}`, [`accepted as ven-${i}`]);
    for (let i = 0; i < 3; i += 1) await log.record(of('opt'), 'ven-1', ['refused 451']);
    for (let i = 0; i < 100; i += 1) { t += 1; await log.recordRefusal(of('registration'), `stranger-${i}`, ['rejected 463']); }
    for (let i = 0; i < 100; i += 1) { t += 1; await log.record(of('telemetry'), 'ven-1', []); }
    await log.trim();
    const kept = await store.unit(async (u) => (await u.collection<{ trigger: string; lane: string; subject: string }>(DECISIONS_COLLECTION).list()).map((r) => r.value));
    const lanes = (lane: string) => kept.filter((d) => d.lane === lane);
    expect(lanes('registration').map((d) => d.subject)).toEqual(['ven-0', 'ven-1', 'ven-2']);
    expect(lanes('opt')).toHaveLength(3);
    expect(lanes('refusal').map((d) => d.subject)).toEqual([95, 96, 97, 98, 99].map((i) => `stranger-${i}`));
    expect(lanes('refusal').every((d) => d.trigger === 'registration')).toBe(true);
    expect(lanes('telemetry')).toHaveLength(20);
    expect(await store.unit((u) => u.meta.get(LEDGER_KEY))).toMatchObject({ count: 31, lanes: { registration: { count: 3 }, opt: { count: 3 }, refusal: { count: 5 }, telemetry: { count: 20 } } });
  });
});
