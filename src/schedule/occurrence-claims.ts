// Claiming an occurrence in the store before its event is made: the create on its key decides which
// instance handles it; a claim left by an instance that stopped mid-way is taken over after a lease.
import { randomUUID } from 'node:crypto';
import type { Store } from '../store/store.js';
import { occurrences, type OccurrenceRecord } from './occurrence-records.js';

export type Claim =
  /** Ours: create the event with `eventId`; `takenOver` names the instance whose stale claim this was. */
  | { kind: 'mine'; eventId: string; takenOver?: string }
  /** Another instance claimed it within the lease: leave it. */
  | { kind: 'busy'; by: string }
  /** Already settled (created, skipped or failed), here or elsewhere. */
  | { kind: 'done' };

export type Base = Pick<OccurrenceRecord, 'scheduleId' | 'fireTime'>;

export async function claimOccurrence(store: Store, key: string, base: Base, me: string, now: Date, leaseMs: number): Promise<Claim> {
  return store.unit(async (u): Promise<Claim> => {
    const rec = await occurrences(u).get(key);
    const at = now.toISOString();
    if (!rec) {
      const eventId = randomUUID();
      // Must-not-exist: when another instance creates it first this unit re-runs and sees its record.
      occurrences(u).create(key, { ...base, outcome: 'claimed', eventId, by: me, at });
      return { kind: 'mine', eventId };
    }
    if (rec.outcome !== 'claimed') return { kind: 'done' };
    const eventId = rec.eventId ?? randomUUID();
    if (rec.by === me) return { kind: 'mine', eventId };
    if (now.getTime() - Date.parse(rec.at) < leaseMs) return { kind: 'busy', by: rec.by ?? '?' };
    // Conditional on the stale claim read: two instances taking it over at once, one wins.
    occurrences(u).put(key, { ...rec, eventId, by: me, at });
    return { kind: 'mine', eventId, takenOver: rec.by ?? '?' };
  }, { label: 'schedule occurrence claim' });
}

/** Records the outcome over our claim, or over nothing (a skip decided without one); false when it was not ours. */
export async function settleOccurrence(store: Store, key: string, me: string, outcome: OccurrenceRecord): Promise<boolean> {
  return store.unit(async (u) => {
    const rec = await occurrences(u).get(key);
    if (rec === undefined) occurrences(u).create(key, outcome);
    else if (rec.outcome === 'claimed' && rec.by === me) occurrences(u).put(key, outcome);
    else return false;
    return true;
  }, { label: 'schedule occurrence settle' });
}
