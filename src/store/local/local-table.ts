// One collection of a local (memory or file) store: rows with versions, and its declared indexes kept in step.
// An index is built from the rows when it is first read, then kept in step with every write: a start-up loading a
// year's state indexes only what its first requests ask for (the first poll reads one index: events by VEN).
import { specOf } from '../collection-specs.js';

export interface Row {
  value: unknown;
  version: number;
}

interface Index {
  readonly valuesOf: (record: unknown) => readonly string[];
  /** index value → keys holding it; undefined until the index is first read. */
  entries: Map<string, Set<string>> | undefined;
}

export class LocalTable {
  readonly name: string;
  readonly rows = new Map<string, Row>();
  readonly #indexes = new Map<string, Index>();
  /** The indexes already built: the only ones a write has to keep in step. */
  readonly #built: Index[] = [];

  constructor(name: string) {
    this.name = name;
    for (const [index, valuesOf] of Object.entries(specOf(name).indexes)) {
      this.#indexes.set(index, { valuesOf: valuesOf as (record: unknown) => readonly string[], entries: undefined });
    }
  }

  /** Writes (or deletes, for undefined) one record at the next version; built indexes follow. */
  apply(key: string, value: unknown): void {
    const before = this.rows.get(key);
    if (before) this.#unindex(key, before.value);
    if (value === undefined) {
      this.rows.delete(key);
      return;
    }
    this.rows.set(key, { value, version: (before?.version ?? 0) + 1 });
    for (const index of this.#built) add(index.entries!, index.valuesOf(value), key);
  }

  version(key: string): number {
    return this.rows.get(key)?.version ?? 0;
  }

  /** Keys holding `value` under `index` (unordered). */
  keysFor(index: string, value: string): ReadonlySet<string> {
    return this.#entries(index)?.get(value) ?? EMPTY;
  }

  /** [index value, key] pairs with from ≤ value < to, in (value, key) order. Sorts the index's values: not for hot paths. */
  rangeKeys(index: string, from: string | undefined, to: string | undefined): [string, string][] {
    const out: [string, string][] = [];
    for (const [v, keys] of this.#entries(index) ?? []) {
      if ((from !== undefined && v < from) || (to !== undefined && v >= to)) continue;
      for (const k of keys) out.push([v, k]);
    }
    return out.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0));
  }

  /** Names of the indexes built so far (tests: a load builds none). */
  builtIndexes(): string[] {
    return [...this.#indexes].filter(([, index]) => index.entries !== undefined).map(([name]) => name);
  }

  clear(): void {
    this.rows.clear();
    for (const index of this.#indexes.values()) index.entries = undefined;
    this.#built.length = 0;
  }

  /** The index's entries, built from the rows at its first read; undefined for an index the collection does not declare. */
  #entries(name: string): Map<string, Set<string>> | undefined {
    const index = this.#indexes.get(name);
    if (!index) return undefined;
    if (!index.entries) {
      const entries = new Map<string, Set<string>>();
      for (const [key, row] of this.rows) add(entries, index.valuesOf(row.value), key);
      index.entries = entries;
      this.#built.push(index);
    }
    return index.entries;
  }

  #unindex(key: string, value: unknown): void {
    for (const index of this.#built) {
      for (const v of index.valuesOf(value)) {
        const keys = index.entries!.get(v);
        keys?.delete(key);
        if (keys?.size === 0) index.entries!.delete(v);
      }
    }
  }
}

function add(entries: Map<string, Set<string>>, values: readonly string[], key: string): void {
  for (const v of values) {
    let keys = entries.get(v);
    if (!keys) entries.set(v, (keys = new Set()));
    keys.add(key);
  }
}

const EMPTY: ReadonlySet<string> = new Set();
