// The grouped VEN-rows read (ven-rows-read.ts) must probe the venId index once per VEN asked for, whatever the
// planner's statistics say: a fan-out adds thousands of index rows in seconds, and a plan that scans every VEN's
// index rows and filters them costs each read milliseconds (the PostgreSQL push fan-out's largest statement).
import { expect, it } from 'vitest';
import { ValueCache } from '../../../src/store/postgres/value-cache.js';
import { readVenRowsGroup } from '../../../src/store/postgres/ven-rows-read.js';
import { explainedRead, planNodes } from '../../helpers/explained-reads.js';
import { describePostgres } from '../../helpers/postgres.js';
import { postgresStores } from '../../helpers/postgres-stores.js';
import { recordingLogger } from './store-test-kit.js';

describePostgres('PostgreSQL: the grouped VEN-rows read', (db) => {
  const open = postgresStores(db, () => ({ logger: recordingLogger() }));

  it('reads 64 VENs among 5,000 without scanning the other VENs\' index rows, on tables never analyzed', async () => {
    await open(); // creates the tables
    // 5,000 VENs with one delivery each, written straight to the tables (no ANALYZE has run on them).
    await db.sql(`INSERT INTO vtn_records (collection, key, value, version)
      SELECT 'vens', 'ven-' || lpad(g::text, 5, '0'), jsonb_build_object('venId', 'ven-' || lpad(g::text, 5, '0')), 1 FROM generate_series(1, 5000) g
      UNION ALL SELECT 'deliveries', 'e1|ven-' || lpad(g::text, 5, '0'), jsonb_build_object('venId', 'ven-' || lpad(g::text, 5, '0'), 'eventId', 'e1'), 1 FROM generate_series(1, 5000) g`);
    await db.sql(`INSERT INTO vtn_index (collection, index_name, index_value, key)
      SELECT 'deliveries', 'venId', 'ven-' || lpad(g::text, 5, '0'), 'e1|ven-' || lpad(g::text, 5, '0') FROM generate_series(1, 5000) g`);
    const venIds = Array.from({ length: 64 }, (_v, i) => `ven-${String(1000 + i * 7).padStart(5, '0')}`);
    const { out: rows, plans } = await explainedRead(db.url, (query) =>
      readVenRowsGroup(query, new ValueCache(100), venIds.map((venId) => ({ venId, collections: ['vens', 'deliveries'] }))));
    // Each VEN got its own record and its own delivery, nobody else's.
    expect(rows.map((r) => [...r.byKey.keys()].map((k) => k.split('\u0000')[1]))).toEqual(venIds.map((v) => [v, `e1|${v}`]));
    const indexScans = [...planNodes(plans[0]!)].filter((n) => n['Relation Name'] === 'vtn_index');
    expect(indexScans.length).toBeGreaterThan(0);
    // What the index scans returned in total, and what they read and threw away: only the 64 VENs' rows.
    expect(indexScans.reduce((sum, n) => sum + n['Actual Rows'] * n['Actual Loops'], 0)).toBe(64);
    expect(indexScans.reduce((sum, n) => sum + (n['Rows Removed by Filter'] ?? 0) * n['Actual Loops'], 0)).toBe(0);
  });
});
