// The Store contract: synchronous reads from memory, synchronous durable writes, explicit lifecycle.
import type { DeliveryRecord, EventRecord, OptRecord, PendingRecord, VenRecord } from './records.js';

/** A keyed set of JSON records. `put` is durable when it returns (journalled before the caller replies). */
export interface Collection<T> {
  get(key: string): T | undefined;
  has(key: string): boolean;
  put(key: string, value: T): void;
  delete(key: string): void;
  values(): IterableIterator<T>;
  keys(): IterableIterator<string>;
  readonly size: number;
}

/** Names of the collections every store holds; later issues add to this list. */
export const COLLECTION_NAMES = ['vens', 'events', 'deliveries', 'opts', 'pending', 'meta'] as const;
export type CollectionName = (typeof COLLECTION_NAMES)[number];

export interface Store {
  readonly vens: Collection<VenRecord>;
  readonly events: Collection<EventRecord>;
  readonly deliveries: Collection<DeliveryRecord>;
  readonly opts: Collection<OptRecord>;
  readonly pending: Collection<PendingRecord>;
  /** Small named values (counters, versions). */
  readonly meta: Collection<unknown>;
  /**
   * The collection with this name, created empty on first use; later features (report subscriptions,
   * decisions, telemetry index…) get their own without changing this interface. `collection('vens')`
   * is the same object as `vens`.
   */
  collection<T>(name: string): Collection<T>;
  /** Load state; for a file store also take the single-process lock. Idempotent. */
  open(): Promise<void>;
  /** True once open() succeeded and until close(). Backs /readyz. */
  isReady(): boolean;
  /** Write a compacted snapshot now (the journal becomes empty). */
  flush(): Promise<void>;
  /** Flush, release the lock, stop timers. */
  close(): Promise<void>;
}

export const deliveryKey = (eventId: string, venId: string): string => `${eventId}\u0000${venId}`;
export const optKey = (venId: string, optId: string): string => `${venId}\u0000${optId}`;
