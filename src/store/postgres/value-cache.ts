// Parsed records by (collection, key, version): a read whose rows did not change since this instance last saw
// them returns the cached values instead of transferring and parsing them again (an event may hold 10,000 venIds).
// Values are shared, never mutated (the Store contract), so handing the same object to several units is safe.

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

export class ValueCache {
  readonly #max: number;
  /** `${collection}\u0000${key}` → the newest version seen; Map order is recency (oldest first). */
  readonly #entries = new Map<string, Entry>();
  #hits = 0;
  #fetched = 0;

  constructor(maxEntries: number) {
    this.#max = maxEntries;
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
    const entry = this.#entries.get(id);
    if (entry) {
      this.#entries.delete(id);
      this.#entries.set(id, entry);
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
    const id = cacheId(collection, key);
    const prior = this.#entries.get(id);
    // Reads race with commits: an older version never replaces a newer one.
    if (prior && prior.version > version) return;
    this.#entries.delete(id);
    this.#entries.set(id, { version, value });
    if (this.#entries.size > this.#max) this.#entries.delete(this.#entries.keys().next().value!);
  }

  drop(collection: string, key: string): void {
    this.#entries.delete(cacheId(collection, key));
  }

  stats(): CacheStats {
    return { hits: this.#hits, fetched: this.#fetched, size: this.#entries.size };
  }
}

const cacheId = (collection: string, key: string): string => `${collection}\u0000${key}`;
