// The Store contract: async, transactional units of work over named repositories, the only truth of a VTN.
// Three implementations run one contract suite: memory (tests), file (the embedded default), postgres (several instances).
import type { DeliveryRecord, EventRecord, OptRecord, PendingRecord, VenRecord } from './records.js';
import type { VenRowCollection } from './unit/ven-rows.js';

export type { VenRowCollection } from './unit/ven-rows.js';
export { PUSH_ROW_COLLECTIONS } from './unit/ven-rows.js';

export type StoreKind = 'memory' | 'file' | 'postgres';

/** One stored record with its version (1 on create, +1 per write; versions order the writes of one key). */
export interface Versioned<T> {
  key: string;
  value: T;
  version: number;
}

/**
 * A keyed set of JSON records inside one unit of work. Reads see this unit's own writes.
 * `put`/`delete` are buffered and applied atomically at commit. A write to a key this unit has read is
 * conditional on the version read (absent included): if another writer changed it meanwhile the unit re-runs.
 * Records are returned by reference from the local stores: never mutate one, put a new object.
 */
export interface Repository<T> {
  get(key: string): Promise<T | undefined>;
  has(key: string): Promise<boolean>;
  getMany(keys: readonly string[]): Promise<Map<string, T>>;
  put(key: string, value: T): void;
  /** Put that must create: conflicts (the unit re-runs) when the key exists at commit, read or not. */
  create(key: string, value: T): void;
  delete(key: string): void;
  /** Records whose declared index `index` (collection-specs.ts) holds `value`; ordered by key. */
  find(index: string, value: string, options?: { limit?: number }): Promise<T[]>;
  /** Records whose index value v satisfies from ≤ v < to (string order; either bound optional), ordered by (v, key). */
  range(index: string, bounds: { from?: string; to?: string; limit?: number }): Promise<T[]>;
  /** Records in key order after `after` (exclusive), at most `limit` (default all): for paging admin lists. */
  list(options?: { after?: string; limit?: number }): Promise<Versioned<T>[]>;
  count(): Promise<number>;
}

/** The repositories of one unit of work; everything a message handler reads and writes goes through one. */
export interface Unit {
  readonly vens: Repository<VenRecord>;
  readonly events: Repository<EventRecord>;
  readonly deliveries: Repository<DeliveryRecord>;
  readonly opts: Repository<OptRecord>;
  readonly pending: Repository<PendingRecord>;
  /** Small named values (counters, versions). */
  readonly meta: Repository<unknown>;
  /** The repository with this name (created empty on first write); `collection('vens')` is `vens`. */
  collection<T>(name: string): Repository<T>;
  /**
   * Run after a successful commit only (callbacks, log lines, appends to other stores), in order, awaited before
   * unit() resolves; never for an attempt that is re-run. A failure rejects unit() although the writes are committed.
   */
  afterCommit(fn: () => void | Promise<void>): void;
  /**
   * Reads `venId`'s rows (registration, queue, events, deliveries, report subscriptions) in one round trip where the
   * store has round trips; this unit's later reads of them come from that read. Call first, before other reads.
   * `collections` narrows the read to the ones the message needs (default: all of VEN_ROW_COLLECTIONS).
   */
  prefetch(venId: string, collections?: readonly VenRowCollection[]): Promise<void>;
  /** Wake these VENs' pollers at commit even if no written record names them. */
  touch(venIds: readonly string[]): void;
}

/** What a commit changed, told to this instance's listeners (and, for postgres, every other instance's). */
export interface ChangeNotice {
  /** Collections written; '*' = any (postgres, after its LISTEN connection was lost and notices may be missing). */
  collections: string[];
  /** VENs the written records concern (collection-specs `venIdsOf`), and those touched; '*' = all. */
  venIds: string[];
  /** 'local' for this instance's commits, 'remote' for another instance's (postgres LISTEN). */
  origin: 'local' | 'remote';
}

export interface UnitOptions {
  /** Names the unit in conflict errors and logs. */
  label?: string;
  /** Re-runs on a write conflict before giving up with E_STORE_CONFLICT (default 8). */
  attempts?: number;
}

export interface Store {
  readonly kind: StoreKind;
  /**
   * Run `fn` as one unit of work and commit its writes before resolving (durable then). A refused
   * message throws and commits nothing. `fn` may run more than once (write conflict): keep side effects in afterCommit.
   */
  unit<T>(fn: (unit: Unit) => Promise<T>, options?: UnitOptions): Promise<T>;
  /** Listen to commits; returns an unsubscribe. A notice is a wake-up only: always re-read. */
  onChange(listener: (notice: ChangeNotice) => void): () => void;
  /**
   * Singleton work (the scheduler): true while this instance holds the lock `name`. Ask again on every
   * tick: on postgres a holder that dies loses it and another instance takes it over.
   */
  holdsLock(name: string): Promise<boolean>;
  /** Load state / connect and migrate; for a file store also take the single-process lock. Idempotent. */
  open(): Promise<void>;
  /** True once open() succeeded and until close(). Backs /readyz. */
  isReady(): boolean;
  /** Make everything compact and durable now (file: snapshot; others: nothing). */
  flush(): Promise<void>;
  /** Flush, release locks and connections, stop timers. */
  close(): Promise<void>;
}

export const deliveryKey = (eventId: string, venId: string): string => `${eventId}\u0000${venId}`;
export const optKey = (venId: string, optId: string): string => `${venId}\u0000${optId}`;
