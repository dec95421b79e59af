// The rows one unit reads: a VEN's rows prefetched in one read (ven-rows.ts) answer the reads they cover, and
// everything else goes to the store's source. Without prefetch() (or on a store that cannot) it only passes through.
import type { KeyedRow, Row, RowSource } from './row-source.js';
import { ownerOf, VEN_ROW_COLLECTIONS, type VenRowCollection, type VenRows } from './ven-rows.js';

export class PrefetchedSource implements RowSource {
  readonly #base: RowSource;
  /** venId → its rows; a unit may hold several VENs' (the pusher's batched steps). */
  readonly #rows = new Map<string, VenRows>();
  readonly #reading = new Map<string, Promise<void>>();

  constructor(base: RowSource) {
    this.#base = base;
  }

  /** Reads the VEN's rows once per unit; a second call for the same VEN keeps the first read. */
  prefetch(venId: string, collections: readonly VenRowCollection[] = VEN_ROW_COLLECTIONS): Promise<void> {
    if (!this.#base.venRows) return Promise.resolve();
    let reading = this.#reading.get(venId);
    if (!reading) {
      reading = this.#base.venRows(venId, collections).then((rows) => { this.#rows.set(venId, rows); });
      this.#reading.set(venId, reading);
    }
    return reading;
  }

  /** The prefetched answer for one key: a row, null for "known absent", undefined when not covered. */
  #held(collection: string, key: string): Row | null | undefined {
    if (this.#rows.size === 0) return undefined;
    const id = `${collection}\u0000${key}`;
    const owner = ownerOf(collection, key);
    if (owner !== undefined) {
      // A VEN's own record is only ever in that VEN's rows: one lookup, however many VENs the unit holds.
      const rows = this.#rows.get(owner);
      return rows?.collections.has(collection) ? (rows.byKey.get(id) ?? null) : undefined;
    }
    for (const rows of this.#rows.values()) {
      const row = rows.byKey.get(id);
      if (row) return row;
    }
    return undefined;
  }

  get(collection: string, key: string): Promise<Row | undefined> {
    const held = this.#held(collection, key);
    return held === undefined ? this.#base.get(collection, key) : Promise.resolve(held ?? undefined);
  }

  async getMany(collection: string, keys: readonly string[]): Promise<Map<string, Row>> {
    const out = new Map<string, Row>();
    const rest: string[] = [];
    for (const key of keys) {
      const held = this.#held(collection, key);
      if (held === undefined) rest.push(key);
      else if (held) out.set(key, held);
    }
    if (rest.length) for (const [key, row] of await this.#base.getMany(collection, rest)) out.set(key, row);
    return out;
  }

  find(collection: string, index: string, value: string, limit: number | undefined): Promise<KeyedRow[]> {
    // byIndex holds exactly the venId-indexed collections that were read.
    const listed = index === 'venId' ? this.#rows.get(value)?.byIndex.get(collection) : undefined;
    if (!listed) return this.#base.find(collection, index, value, limit);
    return Promise.resolve(limit === undefined ? listed : listed.slice(0, limit));
  }

  range(collection: string, index: string, from: string | undefined, to: string | undefined, limit: number | undefined): Promise<KeyedRow[]> {
    return this.#base.range(collection, index, from, to, limit);
  }

  list(collection: string, after: string | undefined, limit: number | undefined): Promise<KeyedRow[]> {
    return this.#base.list(collection, after, limit);
  }

  count(collection: string): Promise<number> {
    return this.#base.count(collection);
  }
}
