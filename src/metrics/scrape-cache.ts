// A value computed from the store for scrapes, recomputed only when the collections it reads changed (and not
// more often than minMs), or when it is maxMs old: a busy VTN's scrapes never rescan the store each time.
import type { Store } from '../store/store.js';

export interface ScrapeCacheOptions {
  /** Never recompute sooner than this after the last computation, even when changed. */
  minMs: number;
  /** Recompute at least this often: a change notice lost between instances costs at most this delay. */
  maxMs: number;
  now: () => number;
}

export class ScrapeCache<T> {
  readonly #compute: () => Promise<T>;
  readonly #opts: ScrapeCacheOptions;
  readonly #unsubscribe: () => void;
  #value: { at: number; value: T } | undefined;
  #changed = true;
  #running: Promise<T> | undefined;

  constructor(store: Store, collections: readonly string[], compute: () => Promise<T>, opts: ScrapeCacheOptions) {
    this.#compute = compute;
    this.#opts = opts;
    this.#unsubscribe = store.onChange((notice) => {
      if (notice.collections.some((c) => collections.includes(c))) this.#changed = true;
    });
  }

  get(): Promise<T> {
    const cached = this.#value;
    if (cached) {
      const age = this.#opts.now() - cached.at;
      if (age < this.#opts.minMs || (!this.#changed && age < this.#opts.maxMs)) return Promise.resolve(cached.value);
    }
    // Concurrent scrapes share one computation.
    this.#running ??= this.#refresh().finally(() => { this.#running = undefined; });
    return this.#running;
  }

  async #refresh(): Promise<T> {
    // Cleared before reading: a change during the read marks the result stale again.
    this.#changed = false;
    const at = this.#opts.now();
    try {
      const value = await this.#compute();
      this.#value = { at, value };
      return value;
    } catch (err) {
      this.#changed = true;
      throw err;
    }
  }

  stop(): void {
    this.#unsubscribe();
  }
}
