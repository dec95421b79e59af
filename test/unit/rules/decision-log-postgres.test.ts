// The decision log on PostgreSQL with two instances writing at once: distinct time-ordered ids, one ledger,
// and the count bound holding although both trim.
import { afterEach, expect, it } from 'vitest';
import type { Evaluation } from '../../../src/rules/engine/evaluate.js';
import { DECISIONS_COLLECTION, DecisionLog } from '../../../src/rules/explain/decision-log.js';
import { PostgresStore, type Store } from '../../../src/store/index.js';
import { describePostgres } from '../../helpers/postgres.js';

const T0 = Date.parse('2026-06-01T12:00:00Z');
const evaluation = (atMs: number): Evaluation => ({ trigger: 'telemetry', policyVersion: 'v1', at: new Date(atMs).toISOString(), facts: {}, fired: ['r'], trace: [], decisions: [] });

describePostgres('DecisionLog on PostgreSQL', (db) => {
  const opened: Store[] = [];
  afterEach(async () => {
    for (const s of opened.splice(0)) await s.close();
    await db.reset();
  });
  const open = async () => {
    const store = new PostgresStore({ url: db.url, poolSize: 3 });
    await store.open();
    opened.push(store);
    return store;
  };

  it('two instances recording and trimming at once keep distinct ids, and a trim leaves exactly the budget', async () => {
    const [sa, sb] = [await open(), await open()];
    const a = new DecisionLog(sa, { maxCount: 30 });
    const b = new DecisionLog(sb, { maxCount: 30 });
    const recs = (await Promise.all(Array.from({ length: 10 }, async (_, round) => Promise.all(
      [a, b, a, b].map((log, i) => log.record(evaluation(T0 + round * 10 + (i >> 1)), 'ven-1', [`r${round}`])),
    )))).flat();
    expect(new Set(recs.map((r) => r.id)).size).toBe(40);
    await a.trim();
    const keys = await sb.unit(async (u) => (await u.collection(DECISIONS_COLLECTION).list()).map((r) => r.key));
    expect(keys).toHaveLength(30);
    expect((await b.list(1))[0]!.outcomes).toEqual(['r9']);
  });
});
