// One unit of work: a repository per collection over the committed rows, the writes they buffered, after-commit work.
import type { Repository, Unit } from '../store.js';
import type { DeliveryRecord, EventRecord, OptRecord, PendingRecord, VenRecord } from '../records.js';
import { OverlayRepository } from './overlay-repository.js';
import { PrefetchedSource } from './prefetched-source.js';
import type { PendingWrite, RowSource } from './row-source.js';
import type { VenRowCollection } from './ven-rows.js';

export class OverlayUnit implements Unit {
  readonly #source: PrefetchedSource;
  readonly #guard: () => void;
  readonly #repositories = new Map<string, OverlayRepository<unknown>>();
  readonly afterCommits: (() => void | Promise<void>)[] = [];
  readonly touched = new Set<string>();

  constructor(source: RowSource, guard: () => void) {
    this.#source = new PrefetchedSource(source);
    this.#guard = guard;
  }

  get vens(): Repository<VenRecord> { return this.collection('vens'); }
  get events(): Repository<EventRecord> { return this.collection('events'); }
  get deliveries(): Repository<DeliveryRecord> { return this.collection('deliveries'); }
  get opts(): Repository<OptRecord> { return this.collection('opts'); }
  get pending(): Repository<PendingRecord> { return this.collection('pending'); }
  get meta(): Repository<unknown> { return this.collection('meta'); }

  collection<T>(name: string): Repository<T> {
    if (typeof name !== 'string' || name.length === 0) throw new TypeError(`Collection name must be a non-empty string, got ${JSON.stringify(name)}`);
    let repo = this.#repositories.get(name);
    if (!repo) this.#repositories.set(name, (repo = new OverlayRepository<unknown>(name, this.#source, this.#guard)));
    // One repository per name holds whatever the callers put; the type parameter is the caller's promise.
    return repo as OverlayRepository<T>;
  }

  prefetch(venId: string, collections?: readonly VenRowCollection[]): Promise<void> {
    return this.#source.prefetch(venId, collections);
  }

  afterCommit(fn: () => void | Promise<void>): void {
    this.afterCommits.push(fn);
  }

  touch(venIds: readonly string[]): void {
    for (const v of venIds) this.touched.add(v);
  }

  /** Every buffered write, in collection then write order. */
  writes(): PendingWrite[] {
    const out: PendingWrite[] = [];
    for (const repo of this.#repositories.values()) out.push(...repo.writes.values());
    return out;
  }
}
