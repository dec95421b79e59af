// The named collections of one store, created on first use so new features need no interface change.
import { MapCollection, type ChangeSink } from './map-collection.js';

export class CollectionSet {
  readonly #byName = new Map<string, MapCollection<unknown>>();
  readonly #sink: ChangeSink;

  constructor(sink: ChangeSink) {
    this.#sink = sink;
  }

  get<T>(name: string): MapCollection<T> {
    if (typeof name !== 'string' || name.length === 0) {
      throw new TypeError(`Collection name must be a non-empty string, got ${JSON.stringify(name)}`);
    }
    let found = this.#byName.get(name);
    if (!found) {
      found = new MapCollection<unknown>(name, this.#sink);
      this.#byName.set(name, found);
    }
    // One Map per name holds whatever the callers put; the type parameter is the caller's promise.
    return found as MapCollection<T>;
  }

  /** Empties every collection (before loading state from disk again). */
  clearAll(): void {
    for (const collection of this.#byName.values()) collection.clear();
  }

  all(): IterableIterator<MapCollection<unknown>> {
    return this.#byName.values();
  }
}
