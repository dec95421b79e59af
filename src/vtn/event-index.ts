// In-memory index venId → eventIds, so a poll touches only that VEN's events (rebuilt from the store at start).
import type { EventRecord } from '../store/records.js';
import type { Store } from '../store/store.js';

// Records are never mutated (a change puts a new object), so a set per record object stays valid.
const audiences = new WeakMap<EventRecord, ReadonlySet<string>>();

/** Whether the VEN is in the event's audience, without scanning a 10,000-entry venIds per acknowledgement. */
export function isAudienceOf(rec: EventRecord, venId: string): boolean {
  if (rec.venIds.length < 16) return rec.venIds.includes(venId);
  let set = audiences.get(rec);
  if (!set) audiences.set(rec, (set = new Set(rec.venIds)));
  return set.has(venId);
}

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
