// One unit's writes as one PostgreSQL transaction: conditional writes check the version read, blind writes upsert,
// index rows follow by difference, and the change notice is sent with pg_notify (delivered only if it commits).
// Every batch is one statement over unnest() arrays, whatever the number of records.
import { WriteConflict, type PendingWrite } from '../unit/row-source.js';
import { indexChanges } from './index-rows.js';
import { isRaceError } from './pg-connection.js';
import { decodeText, encodeText, encodeValue } from './pg-encoding.js';
import type { Query } from './pg-row-source.js';

/** What the commit left in the table, for the value cache: the new version, or undefined for a delete. */
export interface Committed {
  write: PendingWrite;
  version: number | undefined;
}

type Returned = { collection: string; key: string; version: string };

const cols = (writes: readonly PendingWrite[]) => {
  const values = writes.map((w) => encodeValue(w.value));
  return {
    collection: writes.map((w) => w.collection),
    key: writes.map((w) => encodeText(w.key)),
    json: values.map((v) => v.json),
    text: values.map((v) => v.text),
    expected: writes.map((w) => w.expected ?? 0),
  };
};

const idOf = (collection: string, encodedKey: string) => `${collection}\u0000${encodedKey}`;

/** `query` runs on one connection (a transaction spans its statements). */
export async function commitTransaction(query: Query, writes: PendingWrite[], notify: { channel: string; payload: string }): Promise<Committed[]> {
  const sorted = [...writes].sort((a, b) => cmp(a.collection, b.collection) || cmp(a.key, b.key)); // one lock order: fewer deadlocks
  const creates = sorted.filter((w) => w.expected === 0 && w.value !== undefined);
  const updates = sorted.filter((w) => w.expected !== undefined && w.expected > 0 && w.value !== undefined);
  const deletes = sorted.filter((w) => w.expected !== undefined && w.expected > 0 && w.value === undefined);
  const absent = sorted.filter((w) => w.expected === 0 && w.value === undefined);
  const upserts = sorted.filter((w) => w.expected === undefined && w.value !== undefined);
  const blindDeletes = sorted.filter((w) => w.expected === undefined && w.value === undefined);
  const versions = new Map<string, number>();
  const run = async (batch: PendingWrite[], sql: string, params: (c: ReturnType<typeof cols>) => unknown[], mustHitAll: boolean) => {
    if (batch.length === 0) return;
    const rows = await query<Returned>(sql, params(cols(batch)));
    for (const r of rows) versions.set(idOf(r.collection, r.key), Number(r.version));
    if (mustHitAll && rows.length !== batch.length) {
      const lost = batch.find((w) => !versions.has(idOf(w.collection, encodeText(w.key)))) ?? batch[0]!;
      throw new WriteConflict(lost.collection, lost.key);
    }
  };
  await query('BEGIN', []);
  try {
    await run(creates, `INSERT INTO vtn_records (collection, key, value, value_text, version)
      SELECT c, k, j::jsonb, t, 1 FROM unnest($1::text[], $2::text[], $3::text[], $4::text[]) AS u(c, k, j, t)
      ON CONFLICT DO NOTHING RETURNING collection, key, version`, (c) => [c.collection, c.key, c.json, c.text], true);
    await run(updates, `UPDATE vtn_records r SET value = u.j::jsonb, value_text = u.t, version = r.version + 1
      FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::int8[]) AS u(c, k, j, t, e)
      WHERE r.collection = u.c AND r.key = u.k AND r.version = u.e RETURNING r.collection, r.key, r.version`,
      (c) => [c.collection, c.key, c.json, c.text, c.expected], true);
    await run(deletes, `DELETE FROM vtn_records r USING unnest($1::text[], $2::text[], $3::int8[]) AS u(c, k, e)
      WHERE r.collection = u.c AND r.key = u.k AND r.version = u.e RETURNING r.collection, r.key, r.version`,
      (c) => [c.collection, c.key, c.expected], true);
    if (absent.length > 0) {
      // Read as absent and deleted: still absent, or another writer created it meanwhile.
      const c = cols(absent);
      const rows = await query<Returned>(`SELECT r.collection, r.key, r.version FROM vtn_records r
        JOIN unnest($1::text[], $2::text[]) AS u(c, k) ON r.collection = u.c AND r.key = u.k`, [c.collection, c.key]);
      if (rows[0]) throw new WriteConflict(rows[0].collection, decodeText(rows[0].key));
    }
    await run(upserts, `INSERT INTO vtn_records AS r (collection, key, value, value_text, version)
      SELECT c, k, j::jsonb, t, 1 FROM unnest($1::text[], $2::text[], $3::text[], $4::text[]) AS u(c, k, j, t)
      ON CONFLICT (collection, key) DO UPDATE SET value = EXCLUDED.value, value_text = EXCLUDED.value_text, version = r.version + 1
      RETURNING r.collection, r.key, r.version`, (c) => [c.collection, c.key, c.json, c.text], false);
    await run(blindDeletes, `DELETE FROM vtn_records r USING unnest($1::text[], $2::text[]) AS u(c, k)
      WHERE r.collection = u.c AND r.key = u.k RETURNING r.collection, r.key, r.version`, (c) => [c.collection, c.key], false);
    await writeIndexRows(query, sorted);
    await query('SELECT pg_notify($1, $2)', [notify.channel, notify.payload]);
    await query('COMMIT', []);
  } catch (err) {
    await query('ROLLBACK', []).catch(() => undefined);
    if (isRaceError(err)) throw new WriteConflict(sorted[0]?.collection ?? '?', sorted[0]?.key ?? '?');
    throw err;
  }
  return sorted.map((write) => ({ write, version: write.value === undefined ? undefined : versions.get(idOf(write.collection, encodeText(write.key))) }));
}

async function writeIndexRows(query: Query, writes: readonly PendingWrite[]): Promise<void> {
  const { clear, remove, add } = indexChanges(writes);
  if (clear.key.length > 0) {
    await query(`DELETE FROM vtn_index i USING unnest($1::text[], $2::text[]) AS d(c, k)
      WHERE i.collection = d.c AND i.key = d.k`, [clear.collection, clear.key]);
  }
  if (remove.key.length > 0) {
    await query(`DELETE FROM vtn_index i USING unnest($1::text[], $2::text[], $3::text[], $4::text[]) AS d(c, n, v, k)
      WHERE i.collection = d.c AND i.index_name = d.n AND i.index_value = d.v AND i.key = d.k`,
      [remove.collection, remove.index, remove.value, remove.key]);
  }
  if (add.key.length > 0) {
    await query(`INSERT INTO vtn_index (collection, index_name, index_value, key)
      SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[]) ON CONFLICT DO NOTHING`,
      [add.collection, add.index, add.value, add.key]);
  }
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
