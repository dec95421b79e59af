// A repository inside one unit of work: committed rows from the source, overlaid with the unit's own buffered writes.
import { assertIndex, indexValues } from '../collection-specs.js';
import type { Repository, Versioned } from '../store.js';
import type { KeyedRow, PendingWrite, RowSource } from './row-source.js';

export class OverlayRepository<T> implements Repository<T> {
  readonly #name: string;
  readonly #source: RowSource;
  readonly #guard: () => void;
  /** key → this unit's write. */
  readonly writes = new Map<string, PendingWrite>();
  /** key → version seen by a read (0 = absent). */
  readonly #seen = new Map<string, number>();
  /** key → value seen, for the change notice of a later delete. */
  readonly #seenValue = new Map<string, unknown>();

  constructor(name: string, source: RowSource, guard: () => void) {
    this.#name = name;
    this.#source = source;
    this.#guard = guard;
  }

  async get(key: string): Promise<T | undefined> {
    const w = this.writes.get(key);
    if (w) return w.value as T | undefined;
    // A key read once in this unit is not read again: one statement, and the unit sees one version of it.
    if (this.#seen.has(key)) return this.#seenValue.get(key) as T | undefined;
    const row = await this.#source.get(this.#name, key);
    return this.#see(key, row?.version ?? 0, row?.value) as T | undefined;
  }

  async has(key: string): Promise<boolean> {
    return (await this.get(key)) !== undefined;
  }

  async getMany(keys: readonly string[]): Promise<Map<string, T>> {
    const out = new Map<string, T>();
    const unread = keys.filter((k) => !this.writes.has(k) && !this.#seen.has(k));
    const rows = unread.length ? await this.#source.getMany(this.#name, unread) : new Map();
    for (const key of keys) {
      const w = this.writes.get(key);
      const value = w ? w.value : this.#seen.has(key) && !rows.has(key) ? this.#seenValue.get(key) : this.#see(key, rows.get(key)?.version ?? 0, rows.get(key)?.value);
      if (value !== undefined) out.set(key, value as T);
    }
    return out;
  }

  put(key: string, value: T): void {
    this.#write(key, value, false);
  }

  create(key: string, value: T): void {
    this.#write(key, value, true);
  }

  delete(key: string): void {
    this.#write(key, undefined, false);
  }

  async find(index: string, value: string, options: { limit?: number } = {}): Promise<T[]> {
    assertIndex(this.#name, index);
    const rows = await this.#source.find(this.#name, index, value, this.#widen(options.limit));
    const merged = this.#merge(rows, (v) => indexValues(this.#name, index, v).includes(value));
    merged.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    return cut(merged, options.limit).map((r) => r.value as T);
  }

  async range(index: string, bounds: { from?: string; to?: string; limit?: number }): Promise<T[]> {
    assertIndex(this.#name, index);
    const inBounds = (v: string) => (bounds.from === undefined || v >= bounds.from) && (bounds.to === undefined || v < bounds.to);
    const rows = await this.#source.range(this.#name, index, bounds.from, bounds.to, this.#widen(bounds.limit));
    const first = (value: unknown) => indexValues(this.#name, index, value).filter(inBounds).sort()[0];
    const merged = this.#merge(rows, (v) => first(v) !== undefined);
    const keyed = merged.map((r) => ({ r, v: first(r.value)! }));
    keyed.sort((a, b) => (a.v < b.v ? -1 : a.v > b.v ? 1 : a.r.key < b.r.key ? -1 : a.r.key > b.r.key ? 1 : 0));
    return cut(keyed.map((k) => k.r), bounds.limit).map((r) => r.value as T);
  }

  async list(options: { after?: string; limit?: number } = {}): Promise<Versioned<T>[]> {
    const rows = await this.#source.list(this.#name, options.after, this.#widen(options.limit));
    const merged = this.#merge(rows, () => true).filter((r) => options.after === undefined || r.key > options.after);
    merged.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    return cut(merged, options.limit).map((r) => ({ key: r.key, value: r.value as T, version: r.version }));
  }

  async count(): Promise<number> {
    let n = await this.#source.count(this.#name);
    if (this.writes.size === 0) return n;
    const base = await this.#source.getMany(this.#name, [...this.writes.keys()]);
    for (const [key, w] of this.writes) n += (w.value !== undefined ? 1 : 0) - (base.has(key) ? 1 : 0);
    return n;
  }

  #write(key: string, value: unknown, mustCreate: boolean): void {
    this.#guard();
    if (typeof key !== 'string' || key.length === 0) throw new TypeError(`Collection "${this.#name}": key must be a non-empty string, got ${JSON.stringify(key)}`);
    if (value === undefined && mustCreate) throw new TypeError(`Collection "${this.#name}": create("${key}", undefined) is not allowed`);
    const prior = this.writes.get(key);
    const expected = mustCreate ? 0 : prior ? prior.expected : this.#seen.get(key);
    const before = prior ? prior.before : this.#seenValue.get(key);
    this.writes.set(key, { collection: this.#name, key, value, expected, ...(before !== undefined ? { before } : {}) });
  }

  #see(key: string, version: number, value: unknown): unknown {
    if (!this.#seen.has(key)) {
      this.#seen.set(key, version);
      if (value !== undefined) this.#seenValue.set(key, value);
    }
    return value;
  }

  // Committed rows this unit changed are replaced by its writes; its new records that match are added.
  #merge(rows: KeyedRow[], matches: (value: unknown) => boolean): KeyedRow[] {
    const out: KeyedRow[] = [];
    for (const row of rows) {
      this.#see(row.key, row.version, row.value);
      if (!this.writes.has(row.key)) out.push(row);
    }
    for (const [key, w] of this.writes) {
      if (w.value !== undefined && matches(w.value)) out.push({ key, value: w.value, version: -1 });
    }
    return out;
  }

  // A limited source read must return enough rows to survive this unit's deletions.
  #widen(limit: number | undefined): number | undefined {
    return limit === undefined ? undefined : limit + this.writes.size;
  }
}

function cut<R>(rows: R[], limit: number | undefined): R[] {
  return limit === undefined ? rows : rows.slice(0, limit);
}
