// One unit's writes as one PostgreSQL statement, vtn_commit() (migration 6): conditional writes check the version
// read, blind writes upsert, index rows follow by difference, and the change notice is sent with pg_notify
// (delivered only if it commits). One round trip whatever the number of records; a statement is atomic by itself.
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

/** SQLSTATE vtn_commit raises when a condition fails; its detail is [collection, encoded key]. */
const CONFLICT = 'VTN01';

const COMMIT_SQL = `SELECT collections, keys, versions FROM vtn_commit($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::int8[],
  $7::text[], $8::text[], $9::text[], $10::text[], $11::text[], $12::text[], $13::text[], $14::text[], $15::text[], $16::text[], $17, $18)`;

/** The kind of write vtn_commit applies: create, update, delete (at the version read), absent, upsert, blind delete. */
function opOf(w: PendingWrite): string {
  if (w.expected === undefined) return w.value === undefined ? 'x' : 'p';
  if (w.expected === 0) return w.value === undefined ? 'a' : 'c';
  return w.value === undefined ? 'd' : 'u';
}

const idOf = (collection: string, encodedKey: string) => `${collection}\u0000${encodedKey}`;

/** One statement, its own transaction. `notify.payload` undefined sends no notice. */
export async function commitTransaction(query: Query, writes: PendingWrite[], notify: { channel: string; payload: string | undefined }): Promise<Committed[]> {
  const sorted = [...writes].sort((a, b) => cmp(a.collection, b.collection) || cmp(a.key, b.key)); // one lock order: fewer deadlocks
  const values = sorted.map((w) => (w.value === undefined ? { json: null, text: null } : encodeValue(w.value)));
  const { clear, remove, add } = indexChanges(sorted);
  let row: { collections: string[]; keys: string[]; versions: string[] } | undefined;
  try {
    [row] = await query<{ collections: string[]; keys: string[]; versions: string[] }>(COMMIT_SQL, [
      sorted.map(opOf), sorted.map((w) => w.collection), sorted.map((w) => encodeText(w.key)),
      values.map((v) => v.json), values.map((v) => v.text), sorted.map((w) => w.expected ?? 0),
      clear.collection, clear.key, remove.collection, remove.index, remove.value, remove.key,
      add.collection, add.index, add.value, add.key, notify.channel, notify.payload ?? null,
    ]);
  } catch (err) {
    const code = (err as { code?: unknown }).code;
    if (code === CONFLICT) {
      const [collection, key] = parseDetail((err as { detail?: unknown }).detail);
      throw new WriteConflict(collection, decodeText(key));
    }
    if (isRaceError(err)) throw new WriteConflict(sorted[0]?.collection ?? '?', sorted[0]?.key ?? '?');
    throw err;
  }
  const versions = new Map<string, number>();
  row?.collections.forEach((c, i) => versions.set(idOf(c, row!.keys[i]!), Number(row!.versions[i])));
  return sorted.map((write) => ({ write, version: write.value === undefined ? undefined : versions.get(idOf(write.collection, encodeText(write.key))) }));
}

function parseDetail(detail: unknown): [string, string] {
  try {
    const parsed = JSON.parse(String(detail)) as unknown;
    if (Array.isArray(parsed) && typeof parsed[0] === 'string' && typeof parsed[1] === 'string') return [parsed[0], parsed[1]];
  } catch {
    // An unreadable detail still names a conflict.
  }
  return ['?', '?'];
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
