// One unit's writes as one PostgreSQL statement, vtn_commit() (migration 6): conditional writes check the version
// read, blind writes upsert, index rows follow by difference, and the change notice is sent with pg_notify
// (delivered only if it commits). One round trip whatever the number of records; a statement is atomic by itself.
// Several small units go as one statement too (commitGroup, vtn_commit_group: group commit), each judged alone.
import { WriteConflict, type PendingWrite } from '../unit/row-source.js';
import { indexChanges, type IndexChanges, type IndexRows } from './index-rows.js';
import { VtnError } from '../../errors.js';
import { isConnectionError, isRaceError } from './pg-connection.js';
import { decodeText, encodeText, encodeValue, jsonTextArray } from './pg-encoding.js';
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

/** One unit's writes as vtn_commit's parallel arrays (sorted: one lock order, fewer deadlocks). */
interface EncodedUnit {
  sorted: PendingWrite[];
  ops: string[];
  collections: string[];
  keys: string[];
  json: (string | null)[];
  text: (string | null)[];
  expected: number[];
  index: IndexChanges;
}

function encodeUnit(writes: readonly PendingWrite[]): EncodedUnit {
  const sorted = [...writes].sort((a, b) => cmp(a.collection, b.collection) || cmp(a.key, b.key));
  const values = sorted.map((w) => (w.value === undefined ? { json: null, text: null } : encodeValue(w.value)));
  return {
    sorted, ops: sorted.map(opOf), collections: sorted.map((w) => w.collection), keys: sorted.map((w) => encodeText(w.key)),
    json: values.map((v) => v.json), text: values.map((v) => v.text), expected: sorted.map((w) => w.expected ?? 0), index: indexChanges(sorted),
  };
}

/** What the commit left, write by write, from the (collection, encoded key) → version the statement returned. */
function committedOf(sorted: readonly PendingWrite[], versions: ReadonlyMap<string, number>): Committed[] {
  return sorted.map((write) => ({ write, version: write.value === undefined ? undefined : versions.get(idOf(write.collection, encodeText(write.key))) }));
}

/** A unit's failure as its own error: a lost condition or race is a WriteConflict (the unit re-runs). */
function unitError(sorted: readonly PendingWrite[], code: unknown, detail: unknown, message: string): Error {
  if (code === CONFLICT) {
    const [collection, key] = parseDetail(detail);
    return new WriteConflict(collection, decodeText(key));
  }
  if (isRaceError({ code })) return new WriteConflict(sorted[0]?.collection ?? '?', sorted[0]?.key ?? '?');
  return Object.assign(new Error(message), { code });
}

/** One statement, its own transaction. `notify.payload` undefined sends no notice. */
export async function commitTransaction(query: Query, writes: PendingWrite[], notify: { channel: string; payload: string | undefined }): Promise<Committed[]> {
  const u = encodeUnit(writes);
  const { clear, remove, add } = u.index;
  let row: { collections: string[]; keys: string[]; versions: string[] } | undefined;
  try {
    [row] = await query<{ collections: string[]; keys: string[]; versions: string[] }>(COMMIT_SQL, [
      u.ops, u.collections, u.keys, jsonTextArray(u.json), jsonTextArray(u.text), u.expected,
      clear.collection, clear.key, remove.collection, remove.index, remove.value, remove.key,
      add.collection, add.index, add.value, add.key, notify.channel, notify.payload ?? null,
    ]);
  } catch (err) {
    const { code, detail } = err as { code?: unknown; detail?: unknown };
    if (code === CONFLICT || isRaceError(err)) throw unitError(u.sorted, code, detail, String(err));
    throw err;
  }
  const versions = new Map<string, number>();
  row?.collections.forEach((c, i) => versions.set(idOf(c, row!.keys[i]!), Number(row!.versions[i])));
  return committedOf(u.sorted, versions);
}

/** One unit of a group: its writes and the change notice sent with its commit (undefined: none, or sent after). */
export interface GroupedUnit {
  writes: PendingWrite[];
  payload: string | undefined;
}

const GROUP_SQL = `SELECT codes, details, units, collections, keys, versions FROM vtn_commit_group($1::int[], $2::text[], $3::text[], $4::text[],
  $5::text[], $6::text[], $7::int8[], $8::int[], $9::text[], $10::text[], $11::int[], $12::text[], $13::text[], $14::text[], $15::text[],
  $16::int[], $17::text[], $18::text[], $19::text[], $20::text[], $21, $22::text[])`;

const SET_SQL = `SELECT failed, units, collections, keys, versions FROM vtn_commit_set($1::int[], $2::text[], $3::text[], $4::text[],
  $5::text[], $6::text[], $7::int8[], $8::int[], $9::text[], $10::text[], $11::int[], $12::text[], $13::text[], $14::text[], $15::text[],
  $16::int[], $17::text[], $18::text[], $19::text[], $20::text[], $21, $22::text[])`;

/**
 * Several units in one statement and one transaction: one round trip and one WAL flush for the group. Each unit is
 * judged alone: the answer per unit is what it committed, or its error (a WriteConflict re-runs that unit) while
 * the others commit. Units with disjoint keys go through vtn_commit_set (migration 9: each statement once for the
 * group, conditions checked first on rows locked in key order); when that raises, or keys repeat, through
 * vtn_commit_group (migration 8: a subtransaction per unit). A failure of the connection throws, failing every
 * unit of the group, none of which committed.
 */
export async function commitGroup(query: Query, group: readonly GroupedUnit[], channel: string): Promise<(Committed[] | Error)[]> {
  const encoded = group.map((g) => encodeUnit(g.writes));
  const ids = encoded.flatMap((u) => u.sorted.map((w) => idOf(w.collection, w.key)));
  if (new Set(ids).size === ids.length) {
    try {
      return await commitSet(query, group, encoded, channel);
    } catch (err) {
      if (err instanceof VtnError || isConnectionError(err)) throw err; // the connection broke: E_STORE_UNAVAILABLE
      // A race or an unexpected refusal: the per-unit path says whose it is.
    }
  }
  return commitUnitByUnit(query, group, encoded, channel);
}

async function commitSet(query: Query, group: readonly GroupedUnit[], encoded: readonly EncodedUnit[], channel: string): Promise<(Committed[] | Error)[]> {
  // Every row of the group in one (collection, key) order: the statements lock rows in it.
  const rows = encoded.flatMap((u, i) => u.ops.map((_o, j) => ({ u: i + 1, j, e: u }))).sort((a, b) => cmp(a.e.collections[a.j]!, b.e.collections[b.j]!) || cmp(a.e.keys[a.j]!, b.e.keys[b.j]!));
  const unitsOf = (pick: (u: EncodedUnit) => { key: string[] }) => encoded.flatMap((u, i) => pick(u).key.map(() => i + 1));
  const cat = <T>(pick: (u: EncodedUnit) => T[]) => encoded.flatMap(pick);
  const [row] = await query<{ failed: number[]; units: number[]; collections: string[]; keys: string[]; versions: string[] }>(SET_SQL, [
    rows.map((r) => r.u), rows.map((r) => r.e.ops[r.j]), rows.map((r) => r.e.collections[r.j]), rows.map((r) => r.e.keys[r.j]),
    jsonTextArray(rows.map((r) => r.e.json[r.j] ?? null)), jsonTextArray(rows.map((r) => r.e.text[r.j] ?? null)), rows.map((r) => r.e.expected[r.j]),
    unitsOf((u) => u.index.clear), cat((u) => u.index.clear.collection), cat((u) => u.index.clear.key),
    unitsOf((u) => u.index.remove), cat((u) => u.index.remove.collection), cat((u) => u.index.remove.index), cat((u) => u.index.remove.value), cat((u) => u.index.remove.key),
    unitsOf((u) => u.index.add), cat((u) => u.index.add.collection), cat((u) => u.index.add.index), cat((u) => u.index.add.value), cat((u) => u.index.add.key),
    channel, group.map((g) => g.payload ?? null),
  ]);
  const failed = new Set(row?.failed ?? []);
  const versions = encoded.map(() => new Map<string, number>());
  row?.units.forEach((unit, j) => versions[unit - 1]?.set(idOf(row.collections[j]!, row.keys[j]!), Number(row.versions[j])));
  // A failed unit's first write stands for its conflict (which write lost is not told apart here).
  return encoded.map((u, i) => (failed.has(i + 1) ? new WriteConflict(u.sorted[0]?.collection ?? '?', u.sorted[0]?.key ?? '?') : committedOf(u.sorted, versions[i]!)));
}

async function commitUnitByUnit(query: Query, group: readonly GroupedUnit[], encoded: readonly EncodedUnit[], channel: string): Promise<(Committed[] | Error)[]> {
  const ends = { w: [] as number[], clear: [] as number[], rm: [] as number[], add: [] as number[] };
  const all = { ops: [] as string[], cs: [] as string[], ks: [] as string[], js: [] as (string | null)[], ts: [] as (string | null)[], es: [] as number[] };
  const clear = { collection: [] as string[], key: [] as string[] };
  const remove: IndexRows = { collection: [], index: [], value: [], key: [] };
  const add: IndexRows = { collection: [], index: [], value: [], key: [] };
  for (const u of encoded) {
    all.ops.push(...u.ops); all.cs.push(...u.collections); all.ks.push(...u.keys); all.js.push(...u.json); all.ts.push(...u.text); all.es.push(...u.expected);
    clear.collection.push(...u.index.clear.collection); clear.key.push(...u.index.clear.key);
    for (const [into, from] of [[remove, u.index.remove], [add, u.index.add]] as const) {
      into.collection.push(...from.collection); into.index.push(...from.index); into.value.push(...from.value); into.key.push(...from.key);
    }
    ends.w.push(all.ops.length); ends.clear.push(clear.key.length); ends.rm.push(remove.key.length); ends.add.push(add.key.length);
  }
  const [row] = await query<{ codes: (string | null)[]; details: (string | null)[]; units: number[]; collections: string[]; keys: string[]; versions: string[] }>(GROUP_SQL, [
    ends.w, all.ops, all.cs, all.ks, jsonTextArray(all.js), jsonTextArray(all.ts), all.es, ends.clear, clear.collection, clear.key,
    ends.rm, remove.collection, remove.index, remove.value, remove.key, ends.add, add.collection, add.index, add.value, add.key,
    channel, group.map((g) => g.payload ?? null),
  ]);
  const versions = encoded.map(() => new Map<string, number>());
  row?.units.forEach((unit, j) => versions[unit - 1]?.set(idOf(row.collections[j]!, row.keys[j]!), Number(row.versions[j])));
  return encoded.map((u, i) => {
    const code = row?.codes[i];
    if (code === null || code === undefined) return committedOf(u.sorted, versions[i]!);
    return unitError(u.sorted, code, row?.details[i], `the commit failed (SQLSTATE ${code}): ${row?.details[i] ?? ''}`);
  });
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
