// Each VEN's prefetched rows (ven-rows.ts) kept per instance, so a message of a VEN seen recently reads nothing:
// this instance's commits update the entries they touch, another instance's change notice (LISTEN) drops the
// entries it names, every entry expires (the bound on a notice that never came: a sender killed after its commit).
// A stale entry is safe for writes: they are conditional on the versions read, so a lost race re-runs the unit,
// and the store drops the entry first (forget), so the re-run reads the database.
import { indexValues, venIdsOf } from '../collection-specs.js';
import type { ChangeNotice } from '../store.js';
import type { KeyedRow, PendingWrite } from '../unit/row-source.js';
import { BY_VEN_INDEX, BY_VEN_KEY, type VenRowCollection, type VenRows } from '../unit/ven-rows.js';

const CACHED: ReadonlySet<string> = new Set<string>([...BY_VEN_KEY, ...BY_VEN_INDEX]);
const SHARED: ReadonlySet<string> = new Set<string>(BY_VEN_INDEX);
const KEYED: ReadonlySet<string> = new Set<string>(BY_VEN_KEY);
const rowId = (collection: string, key: string) => `${collection}\u0000${key}`;

export interface VenRowsCacheOptions {
  /** ms an entry is served after its read (0 = off). */
  maxMs: number;
  /** Entries kept; the least recently read goes first. */
  maxEntries: number;
  now?: () => number;
}

/** A read of the database in flight: stored only if nothing for its VEN changed meanwhile. */
export interface VenRowsTicket {
  venId: string;
  stale: boolean;
}

interface Entry {
  rows: VenRows;
  until: number;
}

export interface VenRowsCacheStats {
  hits: number;
  misses: number;
  size: number;
}

export class VenRowsCache {
  readonly #opts: Required<VenRowsCacheOptions>;
  readonly #entries = new Map<string, Entry>();
  readonly #reading = new Map<string, Set<VenRowsTicket>>();
  /** Row id of an indexed collection → the VENs whose entry holds it: whom a write that did not read it may concern. */
  readonly #holders = new Map<string, Set<string>>();
  #hits = 0;
  #misses = 0;

  constructor(options: VenRowsCacheOptions) {
    this.#opts = { now: Date.now, ...options };
  }

  /** The VEN's rows if an entry holding every one of `collections` is still within its bound. */
  get(venId: string, collections: readonly VenRowCollection[]): VenRows | undefined {
    const entry = this.#entries.get(venId);
    if (entry && this.#opts.now() >= entry.until) this.#set(venId, undefined);
    else if (entry && collections.every((c) => entry.rows.collections.has(c))) {
      this.#hits++;
      return entry.rows;
    }
    this.#misses++;
    return undefined;
  }

  /** Taken before reading the database for the VEN. */
  begin(venId: string): VenRowsTicket {
    const ticket = { venId, stale: false };
    let set = this.#reading.get(venId);
    if (!set) this.#reading.set(venId, (set = new Set()));
    set.add(ticket);
    return ticket;
  }

  /** The read's answer (undefined when it failed); kept unless a change for the VEN was seen since begin(). */
  finish(ticket: VenRowsTicket, rows: VenRows | undefined, readAt: number): void {
    const set = this.#reading.get(ticket.venId);
    set?.delete(ticket);
    if (set?.size === 0) this.#reading.delete(ticket.venId);
    if (!rows || ticket.stale || this.#opts.maxMs <= 0) return;
    this.#set(ticket.venId, undefined);
    this.#set(ticket.venId, { rows, until: readAt + this.#opts.maxMs });
    if (this.#entries.size > this.#opts.maxEntries) this.#set(this.#entries.keys().next().value!, undefined);
  }

  now(): number {
    return this.#opts.now();
  }

  /** A unit that lost a race (or failed): every VEN whose entry its writes concern is read from the database next time. */
  lost(writes: readonly PendingWrite[], venIds: readonly string[]): void {
    const named = new Set(venIds);
    for (const write of writes) {
      if (!CACHED.has(write.collection)) continue;
      const vens = this.#concerned(write);
      if (vens === '*') return this.clear();
      for (const v of vens) named.add(v);
    }
    this.forget({ collections: ['*'], venIds: [...named] });
  }

  /** Another instance's notice: the VENs it names are read from the database next time. */
  forget(notice: Pick<ChangeNotice, 'collections' | 'venIds'>): void {
    if (!notice.collections.includes('*') && !notice.collections.some((c) => CACHED.has(c))) return;
    if (notice.venIds.includes('*')) return this.clear();
    for (const venId of notice.venIds) this.#drop(venId);
  }

  clear(): void {
    this.#entries.clear();
    this.#holders.clear();
    for (const set of this.#reading.values()) for (const t of set) t.stale = true;
  }

  /** This instance's commit: the entries it concerns take its writes at their new versions (undefined = deleted). */
  apply(committed: readonly { write: PendingWrite; version: number | undefined }[]): void {
    for (const { write, version } of committed) {
      if (!CACHED.has(write.collection)) continue;
      const vens = this.#concerned(write);
      if (vens === '*') {
        this.clear();
        continue;
      }
      let members: ReadonlySet<string> | true | undefined; // the VENs the new value names, worked out once per write
      for (const venId of vens) {
        for (const t of this.#reading.get(venId) ?? []) t.stale = true;
        const entry = this.#entries.get(venId);
        if (!entry || !entry.rows.collections.has(write.collection)) continue;
        if (write.value !== undefined) members ??= this.#members(write.collection, write.value);
        const member = members === true || (members?.has(venId) ?? false);
        this.#replaceRow(venId, entry, write.collection, write.key, member && version !== undefined ? { version, value: write.value } : undefined);
      }
    }
  }

  stats(): VenRowsCacheStats {
    return { hits: this.#hits, misses: this.#misses, size: this.#entries.size };
  }

  #drop(venId: string): void {
    this.#set(venId, undefined);
    for (const t of this.#reading.get(venId) ?? []) t.stale = true;
  }

  /** Every VEN whose entry may hold the record before or after the write; '*' when that cannot be told. */
  #concerned(write: PendingWrite): readonly string[] | '*' {
    // A keyed record is its VEN's, whatever the collection tells pollers (pushStatus wakes nobody).
    if (KEYED.has(write.collection)) return [write.key];
    const vens = new Set<string>();
    for (const value of [write.value, write.before]) {
      if (value === undefined) continue;
      for (const v of venIdsOf(write.collection, write.key, value)) vens.add(v);
    }
    // A record changed without this unit reading it may have left a VEN the new value no longer names.
    const unknownBefore = write.before === undefined && write.expected !== 0;
    if (unknownBefore && SHARED.has(write.collection)) {
      for (const venId of this.#holders.get(rowId(write.collection, write.key)) ?? []) vens.add(venId);
    }
    if (vens.size === 0 && write.value === undefined && write.before === undefined) {
      const named = venIdsOf(write.collection, write.key, undefined);
      if (named.includes('*')) return '*';
      for (const v of named) vens.add(v);
    }
    return vens.has('*') ? '*' : [...vens];
  }

  /**
   * One row of an entry changed (a commit): only that row's holder set can change, so the others are left alone
   * (a fan-out's commits would otherwise walk every shared row of every VEN they touch).
   */
  #replaceRow(venId: string, entry: Entry, collection: string, key: string, row: { version: number; value: unknown } | undefined): void {
    const rows = withRow(entry.rows, collection, key, row);
    this.#entries.set(venId, { ...entry, rows }); // an existing key keeps its place: eviction stays by read order
    if (!SHARED.has(collection)) return;
    const id = rowId(collection, key);
    let set = this.#holders.get(id);
    if (row && rows.byIndex.has(collection)) {
      if (!set) this.#holders.set(id, (set = new Set()));
      set.add(venId);
    } else if (set) {
      set.delete(venId);
      if (set.size === 0) this.#holders.delete(id);
    }
  }

  /** Every other entry change goes through here, so #holders always matches the entries (undefined = remove). */
  #set(venId: string, entry: Entry | undefined): void {
    const old = this.#entries.get(venId);
    if (old) {
      for (const id of sharedRowIds(old.rows)) {
        const set = this.#holders.get(id);
        set?.delete(venId);
        if (set?.size === 0) this.#holders.delete(id);
      }
    }
    if (!entry) {
      this.#entries.delete(venId);
      return;
    }
    // Re-inserted where it was (Map keeps the first insertion order): eviction stays by read order.
    this.#entries.set(venId, entry);
    for (const id of sharedRowIds(entry.rows)) {
      let set = this.#holders.get(id);
      if (!set) this.#holders.set(id, (set = new Set()));
      set.add(venId);
    }
  }

  /** The VENs whose entries hold the record `value` (true: the VEN its key names, for a keyed collection). */
  #members(collection: string, value: unknown): ReadonlySet<string> | true {
    if ((BY_VEN_KEY as readonly string[]).includes(collection)) return true;
    // A set, not the list: an event's venIds may name 10,000 VENs, each of whose entries asks.
    return new Set(indexValues(collection, 'venId', value));
  }
}

function* sharedRowIds(rows: VenRows): Iterable<string> {
  for (const [collection, listed] of rows.byIndex) if (SHARED.has(collection)) for (const r of listed) yield rowId(collection, r.key);
}

/** A copy of `rows` with the record `key` of `collection` set to `row` (or removed): entries handed out stay as they were. */
function withRow(rows: VenRows, collection: string, key: string, row: { version: number; value: unknown } | undefined): VenRows {
  const id = rowId(collection, key);
  const byKey = new Map(rows.byKey);
  if (row) byKey.set(id, row);
  else byKey.delete(id);
  const listed = rows.byIndex.get(collection);
  if (!listed) return { ...rows, byKey };
  const next: KeyedRow[] = listed.filter((r) => r.key !== key);
  if (row) {
    next.push({ key, ...row });
    next.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  }
  const byIndex = new Map(rows.byIndex);
  byIndex.set(collection, next);
  return { ...rows, byKey, byIndex };
}
