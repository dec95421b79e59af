// Which VENs have nothing waiting, so their polls are answered without a store round trip. A change notice for a
// VEN (this instance's commits, or another instance's via PostgreSQL) drops its entry; every entry also expires.
import type { ChangeNotice, Store } from '../store/store.js';
import type { VenRecord } from '../store/records.js';

interface IdleEntry {
  /** ms: the entry holds until then (the cache bound, or the next time the VEN's event list changes by the clock). */
  until: number;
  ven: VenRecord;
}

/** Taken before a poll reads the store; marking idle with a stale token is refused (a change raced the read). */
export type IdleToken = number;

export class IdlePolls {
  readonly #entries = new Map<string, IdleEntry>();
  /** venId → the change counter value at the VEN's last notice; '*' notices move #everyone. */
  readonly #changedAt = new Map<string, number>();
  #changes = 0;
  #everyone = 0;
  readonly #maxMs: number;

  constructor(store: Store, maxMs: number) {
    this.#maxMs = maxMs;
    store.onChange((notice) => this.#forget(notice));
  }

  /** The VEN's record when its poll can be answered "nothing new" at `now` without reading the store. */
  idleVen(venId: string, now: number): VenRecord | undefined {
    const entry = this.#entries.get(venId);
    if (!entry) return undefined;
    if (now < entry.until) return entry.ven;
    this.#entries.delete(venId);
    return undefined;
  }

  token(venId: string): IdleToken {
    return Math.max(this.#everyone, this.#changedAt.get(venId) ?? 0);
  }

  /** Remembers that the VEN had nothing waiting, unless a change for it was noticed since `token` was taken. */
  markIdle(ven: VenRecord, token: IdleToken, now: number, nextChange: number | undefined): void {
    if (this.#maxMs <= 0 || this.token(ven.venId) !== token) return;
    this.#entries.set(ven.venId, { ven, until: Math.min(now + this.#maxMs, nextChange ?? Number.POSITIVE_INFINITY) });
  }

  get size(): number {
    return this.#entries.size;
  }

  #forget(notice: ChangeNotice): void {
    this.#changes += 1;
    if (notice.venIds.includes('*')) {
      this.#everyone = this.#changes;
      this.#entries.clear();
      // Per-VEN counters below #everyone no longer matter: keep the map to the fleet, not to history.
      this.#changedAt.clear();
      return;
    }
    for (const venId of notice.venIds) {
      this.#changedAt.set(venId, this.#changes);
      this.#entries.delete(venId);
    }
  }
}
