// Whether a VEN is in an event's audience, without scanning a 10,000-entry venIds per acknowledgement.
import type { EventRecord } from '../store/records.js';

// Records are never mutated (a change puts a new object), so a set per record object stays valid.
const audiences = new WeakMap<EventRecord, ReadonlySet<string>>();

export function isAudienceOf(rec: EventRecord, venId: string): boolean {
  if (rec.venIds.length < 16) return rec.venIds.includes(venId);
  let set = audiences.get(rec);
  if (!set) audiences.set(rec, (set = new Set(rec.venIds)));
  return set.has(venId);
}
