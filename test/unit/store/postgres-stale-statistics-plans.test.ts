// Reads that join the index rows to their records must look each record up by its key, whatever the planner's
// statistics say. Autovacuum can analyze the tables just before a fan-out adds 10,000 deliveries; the planner then
// expects one delivery, and with an equal cost it may scan every delivery for each index row instead (found in the
// push bench: one find of an event's deliveries took 24 s, VEN-rows reads 0.2–0.5 s).
import { expect, it } from 'vitest';
import { PgRowSource } from '../../../src/store/postgres/pg-row-source.js';
import { ValueCache } from '../../../src/store/postgres/value-cache.js';
import { readVenRowsGroup } from '../../../src/store/postgres/ven-rows-read.js';
import { explainedRead, planNodes, type PlanNode } from '../../helpers/explained-reads.js';
import { describePostgres } from '../../helpers/postgres.js';
import { postgresStores } from '../../helpers/postgres-stores.js';
import { recordingLogger } from './store-test-kit.js';

const VENS = 3000;
const ven = (i: number) => `ven-${String(i).padStart(5, '0')}`;

describePostgres('PostgreSQL: joined reads on statistics taken before a fan-out', (db) => {
  const open = postgresStores(db, () => ({ logger: recordingLogger() }));

  /** Record rows the statements read, and rows they read and threw away, over every vtn_records scan. */
  function recordReads(plans: PlanNode[]): { read: number; discarded: number } {
    let read = 0;
    let discarded = 0;
    for (const plan of plans) {
      for (const n of planNodes(plan)) {
        discarded += (n['Rows Removed by Join Filter'] ?? 0) * n['Actual Loops'];
        if (n['Relation Name'] !== 'vtn_records') continue;
        read += n['Actual Rows'] * n['Actual Loops'];
        discarded += (n['Rows Removed by Filter'] ?? 0) * n['Actual Loops'];
      }
    }
    return { read, discarded };
  }

  it('finds, ranges, gets and reads VEN rows with one record lookup per row when the statistics predate the rows', async () => {
    await open(); // creates the tables
    // Autovacuum must not refresh the statistics mid-test: with statistics taken after the deliveries, a seq scan
    // fetching half the table is the planner's right choice, and the premise (stale statistics) is gone.
    await db.sql('ALTER TABLE vtn_records SET (autovacuum_enabled = false)');
    await db.sql('ALTER TABLE vtn_index SET (autovacuum_enabled = false)');
    await db.sql(`INSERT INTO vtn_records (collection, key, value, version)
      SELECT 'vens', 'ven-' || lpad(g::text, 5, '0'), jsonb_build_object('venId', 'ven-' || lpad(g::text, 5, '0')), 1 FROM generate_series(1, ${VENS}) g`);
    // The statistics of a VTN with VENs and no deliveries yet (what autovacuum saw just before the fan-out).
    await db.sql('ANALYZE vtn_records');
    await db.sql('ANALYZE vtn_index');
    await db.sql(`INSERT INTO vtn_records (collection, key, value, version)
      SELECT 'deliveries', 'e1|ven-' || lpad(g::text, 5, '0'), jsonb_build_object('venId', 'ven-' || lpad(g::text, 5, '0'), 'eventId', 'e1'), 2 FROM generate_series(1, ${VENS}) g`);
    await db.sql(`INSERT INTO vtn_index (collection, index_name, index_value, key)
      SELECT 'deliveries', 'eventId', 'e1', 'e1|ven-' || lpad(g::text, 5, '0') FROM generate_series(1, ${VENS}) g
      UNION ALL SELECT 'deliveries', 'venId', 'ven-' || lpad(g::text, 5, '0'), 'e1|ven-' || lpad(g::text, 5, '0') FROM generate_series(1, ${VENS}) g`);
    const keys = Array.from({ length: VENS }, (_v, i) => `e1|${ven(i + 1)}`);

    const found = await explainedRead(db.url, (q) => new PgRowSource(q, new ValueCache(0)).find('deliveries', 'eventId', 'e1', undefined));
    expect(found.out.map((r) => r.key)).toEqual(keys);
    expect(recordReads(found.plans)).toEqual({ read: 2 * VENS, discarded: 0 }); // the listing's lookups, then the values' fetch

    const ranged = await explainedRead(db.url, (q) => new PgRowSource(q, new ValueCache(0)).range('deliveries', 'venId', ven(1), ven(VENS + 1), undefined));
    expect(ranged.out.map((r) => r.key)).toEqual(keys);
    expect(recordReads(ranged.plans)).toEqual({ read: 2 * VENS, discarded: 0 });

    const got = await explainedRead(db.url, (q) => new PgRowSource(q, new ValueCache(0)).getMany('deliveries', keys));
    expect([...got.out.keys()].sort()).toEqual(keys);
    expect(recordReads(got.plans)).toEqual({ read: VENS, discarded: 0 });

    const asked = Array.from({ length: 64 }, (_v, i) => ven(100 + i * 7));
    const venRows = await explainedRead(db.url, (q) => readVenRowsGroup(q, new ValueCache(100), asked.map((venId) => ({ venId, collections: ['vens', 'deliveries'] }))));
    expect(venRows.out.map((r) => [...r.byKey.keys()].map((k) => k.split('\u0000')[1]))).toEqual(asked.map((v) => [v, `e1|${v}`]));
    expect(recordReads(venRows.plans)).toEqual({ read: 2 * 64, discarded: 0 });
  }, 60_000);
});
