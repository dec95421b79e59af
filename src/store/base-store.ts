// What every Store shares: the six named collections as views of one CollectionSet, and the open/closed gate on writes.
import { CollectionSet } from './collection-set.js';
import type { Collection, Store } from './store.js';
import type { DeliveryRecord, EventRecord, OptRecord, PendingRecord, VenRecord } from './records.js';

export abstract class BaseStore implements Store {
  protected readonly collections: CollectionSet;
  readonly vens: Collection<VenRecord>;
  readonly events: Collection<EventRecord>;
  readonly deliveries: Collection<DeliveryRecord>;
  readonly opts: Collection<OptRecord>;
  readonly pending: Collection<PendingRecord>;
  readonly meta: Collection<unknown>;

  constructor() {
    this.collections = new CollectionSet((name, key, value) => {
      if (!this.isReady()) {
        throw new Error(`Store is not open: cannot change "${name}"/"${key}" before open() or after close()`);
      }
      this.record(name, key, value);
    });
    this.vens = this.collections.get('vens');
    this.events = this.collections.get('events');
    this.deliveries = this.collections.get('deliveries');
    this.opts = this.collections.get('opts');
    this.pending = this.collections.get('pending');
    this.meta = this.collections.get('meta');
  }

  collection<T>(name: string): Collection<T> {
    return this.collections.get<T>(name);
  }

  /** Makes one change durable before it is applied in memory (a no-op for the memory store). */
  protected abstract record(collection: string, key: string, value: unknown): void;

  abstract open(): Promise<void>;
  abstract isReady(): boolean;
  abstract flush(): Promise<void>;
  abstract close(): Promise<void>;
}
