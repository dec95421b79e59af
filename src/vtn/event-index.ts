// In-memory index venId → eventIds, so a poll touches only that VEN's events (rebuilt from the store at start).
import type { EventRecord } from '../store/records.js';
import type { Store } from '../store/store.js';

export class EventIndex {
  #byVen = new Map<string, Set<string>>();
  /** VENs that must get a distribute even if no listed event changed (e.g. removed from an event's audience). */
  #forced = new Set<string>();

  constructor(store: Store) {
    for (const rec of store.events.values()) this.add(rec);
  }

  add(rec: EventRecord): void {
    for (const venId of rec.venIds) {
      let set = this.#byVen.get(venId);
      if (!set) this.#byVen.set(venId, (set = new Set()));
      set.add(rec.eventId);
    }
  }

  /** Re-index after a modification; VENs dropped from the audience are forced to get a fresh list. */
  update(before: EventRecord, after: EventRecord): void {
    const kept = new Set(after.venIds);
    for (const venId of before.venIds) {
      if (kept.has(venId)) continue;
      this.#byVen.get(venId)?.delete(before.eventId);
      this.#forced.add(venId);
    }
    this.add(after);
  }

  eventsFor(venId: string): Iterable<string> {
    return this.#byVen.get(venId) ?? [];
  }

  isForced(venId: string): boolean {
    return this.#forced.has(venId);
  }

  clearForced(venId: string): void {
    this.#forced.delete(venId);
  }
}
