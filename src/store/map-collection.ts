// A Collection over a Map; every change goes through a sink first, so a failed journal write leaves memory unchanged.
import type { Collection } from './store.js';

/** Receives each change before it is applied; `value` undefined means delete. Throwing vetoes the change. */
export type ChangeSink = (collection: string, key: string, value: unknown) => void;

export class MapCollection<T> implements Collection<T> {
  readonly name: string;
  #map = new Map<string, T>();
  readonly #sink: ChangeSink;

  constructor(name: string, sink: ChangeSink) {
    this.name = name;
    this.#sink = sink;
  }

  get(key: string): T | undefined {
    return this.#map.get(key);
  }

  has(key: string): boolean {
    return this.#map.has(key);
  }

  /** Stores `value` by reference: to change a record, put() a new object (the journal captured the old one). */
  put(key: string, value: T): void {
    assertKey(this.name, key);
    if (value === undefined) {
      throw new TypeError(`Collection "${this.name}": put("${key}", undefined) is not allowed — use delete()`);
    }
    this.#sink(this.name, key, value);
    this.#map.set(key, value);
  }

  delete(key: string): void {
    assertKey(this.name, key);
    if (!this.#map.has(key)) return;
    this.#sink(this.name, key, undefined);
    this.#map.delete(key);
  }

  values(): IterableIterator<T> {
    return this.#map.values();
  }

  keys(): IterableIterator<string> {
    return this.#map.keys();
  }

  get size(): number {
    return this.#map.size;
  }

  /** Applies a recovered change without the sink (snapshot load and journal replay). */
  restore(key: string, value: T | undefined): void {
    if (value === undefined) this.#map.delete(key);
    else this.#map.set(key, value);
  }

  /** Loads a snapshot's records without the sink; an empty collection takes the map itself (no copy of a large one). */
  restoreAll(records: Map<string, T>): void {
    if (this.#map.size === 0) this.#map = records;
    else for (const [key, value] of records) this.#map.set(key, value);
  }

  /** Empties the collection without the sink (before a reload from disk). */
  clear(): void {
    this.#map.clear();
  }

  /** The records as they are now, for the snapshot (by reference, serialised later; later puts do not show). */
  copy(): Map<string, T> {
    return new Map(this.#map);
  }
}

function assertKey(collection: string, key: unknown): asserts key is string {
  if (typeof key !== 'string') {
    throw new TypeError(`Collection "${collection}": key must be a string, got ${typeof key}`);
  }
}
