// Several VENs' rows (ven-rows.ts) in one statement: the polls of a fan-out that arrive together read their VENs'
// registrations, queues, events, deliveries and subscriptions in one round trip. Each VEN's rows come from the
// statement's one snapshot; event values come from the value cache, fetched (once for the group) when missing.
import type { Row } from '../unit/row-source.js';
import { BY_VEN_INDEX, BY_VEN_KEY, type VenRowCollection, type VenRows } from '../unit/ven-rows.js';
import { decodeText, decodeValue, encodeText } from './pg-encoding.js';
import type { Query } from './pg-row-source.js';
import { RECORD_BY_KEY } from './record-by-key.js';
import type { ValueCache } from './value-cache.js';

export interface VenRowsRequest {
  venId: string;
  collections: readonly VenRowCollection[];
}

interface VenRowOf {
  ven: string;
  collection: string;
  key: string;
  version: string;
  value: unknown;
  value_text: string | null;
}

// Each VEN's keyed rows and its rows by venId index; event values left out (the caller's cache). One index probe
// per VEN (the LATERAL, kept apart by OFFSET 0): matching all VENs at once with index_value = ANY let a planner on
// stale statistics (a fan-out adds 10,000 deliveries in seconds) scan every VEN's index rows and filter them. Each
// index row's record is looked up by its key (record-by-key.ts) for the same reason.
const VEN_ROWS_SQL = `SELECT v.ven, x.collection, x.key, x.version,
    CASE WHEN x.collection = 'events' THEN NULL ELSE x.value END AS value, CASE WHEN x.collection = 'events' THEN NULL ELSE x.value_text END AS value_text
  FROM unnest($1::text[]) AS v(ven) CROSS JOIN LATERAL (
    SELECT r.collection, r.key, r.version, r.value, r.value_text FROM vtn_records r
      WHERE r.collection = ANY($2::text[]) AND r.key = v.ven COLLATE "C"
    UNION ALL
    SELECT r.collection, r.key, r.version, r.value, r.value_text FROM vtn_index i
      CROSS JOIN LATERAL (${RECORD_BY_KEY('i.collection', 'i.key', 'r.collection, r.key, r.version, r.value, r.value_text')}) r
      WHERE i.collection = ANY($3::text[]) AND i.index_name = 'venId' AND i.index_value = v.ven COLLATE "C"
    OFFSET 0) x`;

const EVENTS_SQL = `SELECT r.key, r.version, r.value, r.value_text FROM vtn_records r WHERE r.collection = 'events' AND r.key = ANY($1::text[])`;

const rowId = (collection: string, key: string) => `${collection}\u0000${key}`;

/** Each request's rows, in order; the statement reads the union of the collections asked for. */
export async function readVenRowsGroup(query: Query, cache: ValueCache, requests: readonly VenRowsRequest[]): Promise<VenRows[]> {
  const asked = new Set<string>(requests.flatMap((r) => r.collections));
  const venIds = [...new Set(requests.map((r) => encodeText(r.venId)))];
  const rows = await query<VenRowOf>(VEN_ROWS_SQL, [venIds, BY_VEN_KEY.filter((c) => asked.has(c)), BY_VEN_INDEX.filter((c) => asked.has(c))]);
  // Events are shared by many VENs and may be large: one value per (key, version) for the whole group.
  const events = new Map<string, Row | undefined>();
  const missing = new Set<string>();
  for (const r of rows) {
    if (r.collection !== 'events' || events.has(r.key)) continue;
    const held = cache.get('events', decodeText(r.key), Number(r.version));
    events.set(r.key, held);
    if (!held) missing.add(r.key);
  }
  if (missing.size) {
    // An event deleted since is left out, as a find would; one changed since stands at its newest version.
    for (const f of await query<Omit<VenRowOf, 'ven' | 'collection'>>(EVENTS_SQL, [[...missing]])) {
      const value = decodeValue(f.value, f.value_text);
      cache.set('events', decodeText(f.key), Number(f.version), value);
      events.set(f.key, { version: Number(f.version), value });
    }
  }
  const byVen = new Map<string, VenRowOf[]>();
  for (const r of rows) {
    let list = byVen.get(r.ven);
    if (!list) byVen.set(r.ven, (list = []));
    list.push(r);
  }
  return requests.map((req) => venRowsOf(req, byVen.get(encodeText(req.venId)) ?? [], events, cache));
}

function venRowsOf(req: VenRowsRequest, rows: readonly VenRowOf[], events: ReadonlyMap<string, Row | undefined>, cache: ValueCache): VenRows {
  const read = new Set<string>(req.collections);
  const out: VenRows = { collections: read, byKey: new Map(), byIndex: new Map(BY_VEN_INDEX.filter((c) => read.has(c)).map((c) => [c, []])) };
  for (const r of rows) {
    if (!read.has(r.collection)) continue;
    const key = decodeText(r.key);
    let row: Row | undefined;
    if (r.collection === 'events') row = events.get(r.key);
    else {
      row = { version: Number(r.version), value: decodeValue(r.value, r.value_text) };
      cache.set(r.collection, key, row.version, row.value);
    }
    if (!row) continue;
    out.byKey.set(rowId(r.collection, key), row);
    if (r.collection !== 'vens' && r.collection !== 'pending') out.byIndex.get(r.collection)?.push({ key, ...row });
  }
  for (const listed of out.byIndex.values()) listed.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return out;
}
