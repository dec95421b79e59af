// What became of each occurrence, persisted in the store so a restart or reload never handles one twice.
import type { Collection, Store } from '../store/store.js';

export const OCCURRENCE_COLLECTION = 'scheduleOccurrences';
/** Key in the store's meta collection: the last instant the scheduler has handled. */
export const LAST_TICK_KEY = 'schedule.lastTick';

/** Keyed by the occurrence key `${scheduleId}@${fireTime ISO}`. */
export interface OccurrenceRecord {
  scheduleId: string;
  fireTime: string;
  outcome: 'created' | 'skipped' | 'failed';
  eventId?: string;
  reason?: string;
  /** When the scheduler decided. */
  at: string;
}

export function occurrenceRecords(store: Store): Collection<OccurrenceRecord> {
  return store.collection<OccurrenceRecord>(OCCURRENCE_COLLECTION);
}

export function lastTick(store: Store): number | undefined {
  const v = store.meta.get(LAST_TICK_KEY);
  return typeof v === 'string' ? Date.parse(v) : undefined;
}

export function setLastTick(store: Store, t: Date): void {
  store.meta.put(LAST_TICK_KEY, t.toISOString());
}
