// Values read from the store and kept in memory until a commit writes one of their collections — on this
// instance or, on PostgreSQL, on any other (its change notices say so; '*' after a lost LISTEN drops everything).
import type { Store } from '../../store/store.js';

function watching(store: Store, collections: readonly string[], drop: () => void): () => void {
  const watched = new Set([...collections, '*']);
  return store.onChange((notice) => {
    if (notice.collections.some((c) => watched.has(c))) drop();
  });
}

/** One value (a whole index): read once, shared by concurrent readers, read again after a change. */
export class KeptUntilChange<T> {
  #value: T | undefined;
  #loading: Promise<T> | undefined;
  /** Bumped by every notice: a read that a notice overtook is answered once, never kept. */
  #generation = 0;
  readonly #stop: () => void;

  constructor(private readonly store: Store, collections: readonly string[], private readonly load: (store: Store) => Promise<T>) {
    this.#stop = watching(store, collections, () => {
      this.#value = undefined;
      this.#loading = undefined;
      this.#generation++;
    });
  }

  async get(): Promise<T> {
    if (this.#value !== undefined) return this.#value;
    const generation = this.#generation;
    const loading = (this.#loading ??= this.load(this.store));
    try {
      const value = await loading;
      if (generation === this.#generation) this.#value = value;
      return value;
    } finally {
      if (this.#loading === loading) this.#loading = undefined;
    }
  }

  close(): void {
    this.#stop();
  }
}

/** One value per key (e.g. per client), at most `maxKeys` kept (the oldest read goes first); all dropped on a change. */
export class KeyedUntilChange<V> {
  #values = new Map<string, Promise<V>>();
  readonly #stop: () => void;

  constructor(private readonly store: Store, collections: readonly string[], private readonly maxKeys: number, private readonly load: (store: Store, key: string) => Promise<V>) {
    this.#stop = watching(store, collections, () => {
      this.#values = new Map();
    });
  }

  get(key: string): Promise<V> {
    const values = this.#values;
    const known = values.get(key);
    if (known) return known;
    if (values.size >= this.maxKeys) values.delete(values.keys().next().value!);
    const loading = this.load(this.store, key);
    values.set(key, loading);
    // A failed read is not kept: the next request reads again.
    loading.catch(() => {
      if (values.get(key) === loading) values.delete(key);
    });
    return loading;
  }

  close(): void {
    this.#stop();
  }
}
