// Modification and cancellation of a stored event: new objects, modificationNumber bumped only on material change.
import { VtnError } from '../../errors.js';
import type { EventRecord } from '../../store/records.js';
import { applyEventChanges } from './apply-event-changes.js';
import { buildEventRecord } from './build-event.js';
import type { ModifyEventOptions } from './event-input.js';

/** Bookkeeping fields: a difference only here is not a modification (rules 4, 5). */
const BOOKKEEPING = new Set(['modificationNumber', 'modificationDateTime', 'modificationReason', 'createdDateTime', 'history']);

/**
 * Applies `changes` to `rec` with the same validation as building. Returns `rec` itself when nothing material
 * changes; otherwise a new record with modificationNumber + 1 and the prior version appended to history.
 */
export function modifyEventRecord(rec: EventRecord, changes: ModifyEventOptions, now: Date): EventRecord {
  if (rec.cancelledAt !== undefined) {
    throw new VtnError('E_EVENT_CANCELLED', `event ${rec.eventId} was cancelled at ${rec.cancelledAt}`,
      'create a new event instead of modifying a cancelled one');
  }
  if (typeof changes !== 'object' || changes === null) {
    throw new VtnError('E_EVENT_INVALID', 'the changes are not an object', 'pass an object with the fields to change');
  }
  if (changes.reason !== undefined && typeof changes.reason !== 'string') {
    throw new VtnError('E_EVENT_INVALID', `reason is ${JSON.stringify(changes.reason)}`, 'use a string');
  }
  let generated = 0;
  const rebuilt = buildEventRecord(applyEventChanges(rec, changes), {
    now,
    newId: () => `${rec.eventId}-${rec.modificationNumber + 1}-${generated++}`,
    defaultMarketContext: rec.marketContext,
  });
  if (materialKey(rebuilt) === materialKey(rec)) return rec;
  const next: EventRecord = { ...rebuilt, ...bumped(rec, now) };
  if (changes.reason !== undefined) next.modificationReason = changes.reason;
  return next;
}

/** Cancels `rec` (status becomes sticky `cancelled`); a cancelled record is returned unchanged. */
export function cancelEventRecord(rec: EventRecord, now: Date, reason?: string): EventRecord {
  if (rec.cancelledAt !== undefined) return rec;
  const { modificationReason: _previous, ...rest } = rec;
  const next: EventRecord = { ...rest, ...bumped(rec, now), cancelledAt: now.toISOString() };
  if (reason !== undefined) next.modificationReason = reason;
  return next;
}

function bumped(rec: EventRecord, now: Date): Pick<EventRecord, 'modificationNumber' | 'modificationDateTime' | 'createdDateTime' | 'history'> {
  const prior: EventRecord['history'][number] = { modificationNumber: rec.modificationNumber, at: rec.modificationDateTime };
  if (rec.modificationReason !== undefined) prior.reason = rec.modificationReason;
  return {
    modificationNumber: rec.modificationNumber + 1,
    modificationDateTime: now.toISOString(),
    createdDateTime: rec.createdDateTime,
    history: [...rec.history, prior],
  };
}

/**
 * Canonical JSON of the material fields: sorted keys, so field order never counts as a change; interval
 * uids left out, since they are always renumbered 0, 1, 2….
 */
function materialKey(rec: EventRecord): string {
  const material = Object.fromEntries(Object.entries(rec).filter(([k, v]) => !BOOKKEEPING.has(k) && v !== undefined));
  return JSON.stringify(material, (key, value: unknown) => {
    if (key === 'uid') return undefined;
    if (!value || typeof value !== 'object' || Array.isArray(value)) return value;
    return Object.fromEntries(Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  });
}
