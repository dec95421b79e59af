// Parsed records by (collection, key, version): a read whose rows did not change since this instance last saw
// them returns the cached values instead of transferring and parsing them again (an event may hold 10,000 venIds).
// Values are shared, never mutated (the Store contract), so handing the same object to several units is safe.
// Records of a shared collection (events) stay findable while anything still holds them after the LRU let them go:
// the next read gets that same object, so an event for 10,000 VENs is parsed and kept once, not once per read.

export interface CacheStats {
  /** Values served from the cache. */
  hits: number;
  /** Values transferred from the database and parsed. */
  fetched: number;
  size: number;
}

interface Entry {
  version: number;
  value: unknown;
}

/** Collections whose records many VENs share (an event names up to the whole fleet). */
const SHARED: ReadonlySet<string> = new Set(['events']);

interface HeldEntry {
  version: number;
  ref: WeakRef<object>;
}

export class ValueCache {
  readonly #max: number;
  /** Collections another cache holds (a VEN's rows): their values are never kept here. */
  readonly #unkept: ReadonlySet<string>;
  /** `${collection}\u0000${key}` → the newest version seen; Map order is recency (oldest first). */
  readonly #entries = new Map<string, Entry>();
  /** Shared records by id, weakly: what a VEN-rows entry or a unit still holds (the map shrinks as they are collected). */
  readonly #held = new Map<string, HeldEntry>();
  readonly #collected = new FinalizationRegistry<string>((id) => {
    if (this.#held.get(id)?.ref.deref() === undefined) this.#held.delete(id);
  });
  #hits = 0;
  #fetched = 0;

  constructor(maxEntries: number, unkept: ReadonlySet<string> = new Set()) {
    this.#max = maxEntries;
    this.#unkept = unkept;
  }

  /** The cached value if it is at `version` (counted as a hit). */
  get(collection: string, key: string, version: number): Entry | undefined {
    const entry = this.peek(collection, key);
    if (!entry || entry.version !== version) return undefined;
    this.#hits++;
    return entry;
  }

  /** The entry for a key at whatever version (a query sends that version so the server can leave the value out). */
  peek(collection: string, key: string): Entry | undefined {
    const id = cacheId(collection, key);
    const entry = this.#entries.get(id) ?? this.#stillHeld(id);
    if (entry) {
      this.#entries.delete(id);
      this.#entries.set(id, entry);
      this.#evict();
    }
    return entry;
  }

  /** Counts a value served from an entry taken with peek(). */
  countHit(): void {
    this.#hits++;
  }

  /** Remembers a value read from the database (`fetched`) or just committed by this instance. */
  set(collection: string, key: string, version: number, value: unknown, fetched = true): void {
    if (fetched) this.#fetched++;
    if (this.#max === 0) return;
    // A fan-out writes more of these than the LRU holds: keeping them only churned it (and they are read elsewhere).
    if (this.#unkept.has(collection)) return;
    const id = cacheId(collection, key);
    const prior = this.#entries.get(id) ?? this.#stillHeld(id);
    // Reads race with commits: an older version never replaces a newer one.
    if (prior && prior.version > version) return;
    this.#entries.delete(id);
    this.#entries.set(id, { version, value });
    this.#evict();
    if (SHARED.has(collection) && typeof value === 'object' && value !== null && this.#held.get(id)?.ref.deref() !== value) {
      this.#held.set(id, { version, ref: new WeakRef(value) });
      this.#collected.register(value, id);
    }
  }

  drop(collection: string, key: string): void {
    const id = cacheId(collection, key);
    this.#entries.delete(id);
    this.#held.delete(id);
  }

  #stillHeld(id: string): Entry | undefined {
    const held = this.#held.get(id);
    const value = held?.ref.deref();
    return held && value !== undefined ? { version: held.version, value } : undefined;
  }

  #evict(): void {
    if (this.#entries.size > this.#max) this.#entries.delete(this.#entries.keys().next().value!);
  }

  stats(): CacheStats {
    return { hits: this.#hits, fetched: this.#fetched, size: this.#entries.size };
  }
}

const cacheId = (collection: string, key: string): string => `${collection}\u0000${key}`;
