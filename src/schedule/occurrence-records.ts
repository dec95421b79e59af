// What became of each occurrence, in the store: claimed once (create on its key) before its event is made,
// so a restart, a reload or a second instance never handles one twice.
import type { Repository, Store, Unit } from '../store/store.js';

export const OCCURRENCE_COLLECTION = 'scheduleOccurrences';
/** Key in the store's meta collection: the last instant the scheduler has handled. */
export const LAST_TICK_KEY = 'schedule.lastTick';

/** Keyed by the occurrence key `${scheduleId}@${fireTime ISO}`. */
export interface OccurrenceRecord {
  scheduleId: string;
  fireTime: string;
  /** claimed: an instance is creating its event (with `eventId`); the others are final. */
  outcome: 'claimed' | 'created' | 'skipped' | 'failed';
  eventId?: string;
  reason?: string;
  /** When the scheduler decided (claimed: when it claimed). */
  at: string;
  /** The scheduler instance that claimed it. */
  by?: string;
}

export const occurrences = (u: Unit): Repository<OccurrenceRecord> => u.collection<OccurrenceRecord>(OCCURRENCE_COLLECTION);

export function readOccurrence(store: Store, key: string): Promise<OccurrenceRecord | undefined> {
  return store.unit((u) => occurrences(u).get(key), { label: 'schedule occurrence read' });
}

export async function lastTick(store: Store): Promise<number | undefined> {
  const v = await store.unit((u) => u.meta.get(LAST_TICK_KEY), { label: 'schedule last tick' });
  return typeof v === 'string' ? Date.parse(v) : undefined;
}

/** Moves the last tick forward only: conditional on the value read, so a slower instance never moves it back. */
export async function advanceLastTick(store: Store, t: Date): Promise<void> {
  await store.unit(async (u) => {
    const v = await u.meta.get(LAST_TICK_KEY);
    if (typeof v === 'string' && Date.parse(v) >= t.getTime()) return;
    u.meta.put(LAST_TICK_KEY, t.toISOString());
  }, { label: 'schedule last tick' });
}

/**
 * Deletes the records of these schedules fired before `before` (catch-up never looks back that far), at most
 * `limit` per schedule: a schedule's keys sort by fire time, so this reads only what it deletes plus one.
 */
export async function pruneOccurrences(store: Store, scheduleIds: readonly string[], before: Date, limit = 100): Promise<number> {
  const cutoff = before.toISOString();
  return store.unit(async (u) => {
    let deleted = 0;
    for (const id of scheduleIds) {
      const prefix = `${id}@`;
      for (const row of await occurrences(u).list({ after: prefix, limit })) {
        if (!row.key.startsWith(prefix) || row.value.fireTime >= cutoff) break;
        occurrences(u).delete(row.key);
        deleted += 1;
      }
    }
    return deleted;
  }, { label: 'schedule occurrence prune' });
}
