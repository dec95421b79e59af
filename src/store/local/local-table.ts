// One collection of a local (memory or file) store: rows with versions, and its declared indexes kept in step.
import { specOf } from '../collection-specs.js';

export interface Row {
  value: unknown;
  version: number;
}

export class LocalTable {
  readonly name: string;
  readonly rows = new Map<string, Row>();
  /** index name → index value → keys holding it. */
  readonly #indexes = new Map<string, Map<string, Set<string>>>();
  readonly #spec;

  constructor(name: string) {
    this.name = name;
    this.#spec = specOf(name);
    for (const index of Object.keys(this.#spec.indexes)) this.#indexes.set(index, new Map());
  }

  /** Writes (or deletes, for undefined) one record at the next version; indexes follow. */
  apply(key: string, value: unknown): void {
    const before = this.rows.get(key);
    if (before) this.#unindex(key, before.value);
    if (value === undefined) {
      this.rows.delete(key);
      return;
    }
    this.rows.set(key, { value, version: (before?.version ?? 0) + 1 });
    this.#index(key, value);
  }

  version(key: string): number {
    return this.rows.get(key)?.version ?? 0;
  }

  /** Keys holding `value` under `index` (unordered). */
  keysFor(index: string, value: string): ReadonlySet<string> {
    return this.#indexes.get(index)?.get(value) ?? EMPTY;
  }

  /** [index value, key] pairs with from ≤ value < to, in (value, key) order. Sorts the index's values: not for hot paths. */
  rangeKeys(index: string, from: string | undefined, to: string | undefined): [string, string][] {
    const out: [string, string][] = [];
    for (const [v, keys] of this.#indexes.get(index) ?? []) {
      if ((from !== undefined && v < from) || (to !== undefined && v >= to)) continue;
      for (const k of keys) out.push([v, k]);
    }
    return out.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0));
  }

  clear(): void {
    this.rows.clear();
    for (const map of this.#indexes.values()) map.clear();
  }

  #index(key: string, value: unknown): void {
    for (const [name, fn] of Object.entries(this.#spec.indexes)) {
      const map = this.#indexes.get(name)!;
      for (const v of (fn as (r: unknown) => readonly string[])(value)) {
        let keys = map.get(v);
        if (!keys) map.set(v, (keys = new Set()));
        keys.add(key);
      }
    }
  }

  #unindex(key: string, value: unknown): void {
    for (const [name, fn] of Object.entries(this.#spec.indexes)) {
      const map = this.#indexes.get(name)!;
      for (const v of (fn as (r: unknown) => readonly string[])(value)) {
        const keys = map.get(v);
        keys?.delete(key);
        if (keys?.size === 0) map.delete(v);
      }
    }
  }
}

const EMPTY: ReadonlySet<string> = new Set();
