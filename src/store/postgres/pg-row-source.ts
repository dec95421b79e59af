// Committed rows read from PostgreSQL. Ordered reads ask for keys and versions first and fetch only the values
// the value cache does not hold at that version; a get sends the cached version so an unchanged value is not resent.
import type { KeyedRow, Row, RowSource } from '../unit/row-source.js';
import type { VenRowCollection, VenRows } from '../unit/ven-rows.js';
import { GroupRunner } from './group-runner.js';
import { decodeText, decodeValue, encodeText } from './pg-encoding.js';
import type { ValueCache } from './value-cache.js';
import type { VenRowsCache } from './ven-rows-cache.js';
import { readVenRowsGroup, type VenRowsRequest } from './ven-rows-read.js';
import { RECORD_BY_KEY } from './record-by-key.js';

/** VENs read per statement, and such statements at once (the rest queue and join the next). */
const VEN_READS_PER_GROUP = 64;
const VEN_READ_GROUPS_IN_FLIGHT = 2;

export type Query = <R>(sql: string, params: unknown[]) => Promise<R[]>;

interface VersionRow {
  key: string;
  version: string;
}

interface ValueRow extends VersionRow {
  cached: boolean;
  value: unknown;
  value_text: string | null;
}

// The value columns, left out when the caller's cached version ($n) is current.
const valueColumns = (cachedVersion: string) =>
  `r.version = ${cachedVersion} AS cached, CASE WHEN r.version = ${cachedVersion} THEN NULL ELSE r.value END AS value,
   CASE WHEN r.version = ${cachedVersion} THEN NULL ELSE r.value_text END AS value_text`;

export class PgRowSource implements RowSource {
  readonly #query: Query;
  readonly #cache: ValueCache;
  readonly #venCache: VenRowsCache | undefined;

  /** VEN-rows reads arriving together (a fan-out's polls) go as one statement: ven-rows-read.ts. */
  readonly #venReads: GroupRunner<VenRowsRequest, VenRows>;

  constructor(query: Query, cache: ValueCache, venCache?: VenRowsCache) {
    this.#query = query;
    this.#cache = cache;
    this.#venCache = venCache;
    this.#venReads = new GroupRunner((requests) => readVenRowsGroup(query, cache, requests), { maxItems: VEN_READS_PER_GROUP, maxInFlight: VEN_READ_GROUPS_IN_FLIGHT });
  }

  async get(collection: string, key: string): Promise<Row | undefined> {
    const held = this.#cache.peek(collection, key);
    const rows = await this.#query<ValueRow>(
      `SELECT r.key, r.version, ${valueColumns('$3')} FROM vtn_records r WHERE r.collection = $1 AND r.key = $2`,
      [collection, encodeText(key), held?.version ?? 0],
    );
    return rows[0] ? this.#row(collection, key, rows[0], held) : undefined;
  }

  async getMany(collection: string, keys: readonly string[]): Promise<Map<string, Row>> {
    const out = new Map<string, Row>();
    if (keys.length === 0) return out;
    const held = new Map(keys.map((k) => [k, this.#cache.peek(collection, k)]));
    const rows = await this.#query<ValueRow>(
      `SELECT r.key, r.version, ${valueColumns('k.v')}
       FROM unnest($2::text[], $3::int8[]) AS k(key, v) CROSS JOIN LATERAL (${RECORD_BY_KEY('$1', 'k.key', 'r.key, r.version, r.value, r.value_text')}) r`,
      [collection, keys.map(encodeText), keys.map((k) => held.get(k)?.version ?? 0)],
    );
    for (const row of rows) {
      const key = decodeText(row.key);
      out.set(key, this.#row(collection, key, row, held.get(key)));
    }
    return out;
  }

  find(collection: string, index: string, value: string, limit: number | undefined): Promise<KeyedRow[]> {
    return this.#ordered(
      collection,
      `SELECT i.key, r.version FROM vtn_index i CROSS JOIN LATERAL (${RECORD_BY_KEY('i.collection', 'i.key', 'r.version')}) r
       WHERE i.collection = $1 AND i.index_name = $2 AND i.index_value = $3 ORDER BY i.key LIMIT $4`,
      [collection, index, encodeText(value), limit ?? null],
    );
  }

  range(collection: string, index: string, from: string | undefined, to: string | undefined, limit: number | undefined): Promise<KeyedRow[]> {
    const params: unknown[] = [collection, index, limit ?? null];
    const bounds: string[] = [];
    if (from !== undefined) bounds.push(`AND index_value >= $${params.push(encodeText(from))}`);
    if (to !== undefined) bounds.push(`AND index_value < $${params.push(encodeText(to))}`);
    // A record with several index values in the bounds is listed once, at its smallest.
    return this.#ordered(
      collection,
      `SELECT r.key, r.version FROM (
         SELECT key, min(index_value) AS v FROM vtn_index WHERE collection = $1 AND index_name = $2 ${bounds.join(' ')}
         GROUP BY key ORDER BY v, key LIMIT $3) m
       CROSS JOIN LATERAL (${RECORD_BY_KEY('$1', 'm.key', 'r.key, r.version')}) r ORDER BY m.v, m.key`,
      params,
    );
  }

  list(collection: string, after: string | undefined, limit: number | undefined): Promise<KeyedRow[]> {
    return this.#ordered(
      collection,
      `SELECT r.key, r.version FROM vtn_records r WHERE r.collection = $1 AND ($2::text IS NULL OR r.key > $2)
       ORDER BY r.key LIMIT $3`,
      [collection, after === undefined ? null : encodeText(after), limit ?? null],
    );
  }

  async count(collection: string): Promise<number> {
    const rows = await this.#query<{ n: string }>('SELECT count(*) AS n FROM vtn_records WHERE collection = $1', [collection]);
    return Number(rows[0]?.n ?? 0);
  }

  async venRows(venId: string, collections: readonly VenRowCollection[]): Promise<VenRows> {
    const held = this.#venCache?.get(venId, collections);
    if (held) return held;
    if (!this.#venCache) return this.#readVenRows(venId, collections);
    const ticket = this.#venCache.begin(venId);
    const readAt = this.#venCache.now();
    let rows: VenRows | undefined;
    try {
      return (rows = await this.#readVenRows(venId, collections));
    } finally {
      this.#venCache.finish(ticket, rows, readAt);
    }
  }

  #readVenRows(venId: string, collections: readonly VenRowCollection[]): Promise<VenRows> {
    return this.#venReads.submit({ venId, collections });
  }

  // Keys and versions in order, then one fetch of the values the cache lacks (none when nothing changed).
  async #ordered(collection: string, sql: string, params: unknown[]): Promise<KeyedRow[]> {
    const listed = await this.#query<VersionRow>(sql, params);
    const out: (KeyedRow | undefined)[] = listed.map((r) => {
      const key = decodeText(r.key);
      const version = Number(r.version);
      const hit = this.#cache.get(collection, key, version);
      return hit ? { key, version, value: hit.value } : undefined;
    });
    const missing = listed.filter((_r, i) => out[i] === undefined).map((r) => r.key);
    if (missing.length === 0) return out as KeyedRow[];
    const fetched = await this.#query<ValueRow>(
      `SELECT r.key, r.version, false AS cached, r.value, r.value_text FROM vtn_records r
       WHERE r.collection = $1 AND r.key = ANY($2::text[])`,
      [collection, missing],
    );
    const byKey = new Map(fetched.map((r) => [r.key, r]));
    listed.forEach((r, i) => {
      if (out[i]) return;
      const row = byKey.get(r.key);
      const key = decodeText(r.key);
      // Changed since the listing: its newest version stands; deleted since: it is left out.
      if (row) out[i] = { key, ...this.#row(collection, key, row, undefined) };
    });
    return out.filter((r): r is KeyedRow => r !== undefined);
  }

  /** `held` is the cache entry whose version the query sent: the server left the value out when it was current. */
  #row(collection: string, key: string, row: ValueRow, held: { value: unknown } | undefined): Row {
    const version = Number(row.version);
    if (row.cached && held) {
      this.#cache.countHit();
      return { version, value: held.value };
    }
    const value = decodeValue(row.value, row.value_text);
    this.#cache.set(collection, key, version, value);
    return { version, value };
  }
}
