// A VEN's rows, read together at the start of a unit that handles one of its messages (Unit.prefetch): what a
// poll, an acknowledgement or a report update reads, so a store with round trips answers them in one.
import { venIdsOf } from '../collection-specs.js';
import type { KeyedRow, Row } from './row-source.js';

/** Collections keyed by venId. */
export const BY_VEN_KEY = ['vens', 'pending'] as const;
/** Collections with a declared venId index, read whole for the VEN. */
export const BY_VEN_INDEX = ['events', 'deliveries', 'reportSubscriptions'] as const;

/** What the store read: every collection above, by key (absent keys absent). */
export interface VenRows {
  byKey: Map<string, Row>;
  byIndex: Map<string, KeyedRow[]>;
}

/**
 * Whether `key` of `collection` is answered by the VEN's rows even when they do not hold it: its key alone names
 * this VEN (a delivery's `eventId\0venId`), so a record of it would have been read by the venId index.
 */
export function keyBelongsTo(collection: string, key: string, venId: string): boolean {
  if ((BY_VEN_KEY as readonly string[]).includes(collection)) return key === venId;
  if (!(BY_VEN_INDEX as readonly string[]).includes(collection)) return false;
  const named = venIdsOf(collection, key, undefined);
  return named.length === 1 && named[0] === venId;
}
