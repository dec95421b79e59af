// A VEN's rows, read together at the start of a unit that handles one of its messages (Unit.prefetch): what a
// poll, an acknowledgement or a report update reads, so a store with round trips answers them in one.
import { venIdsOf } from '../collection-specs.js';
import type { KeyedRow, Row } from './row-source.js';

/** Collections keyed by venId. */
export const BY_VEN_KEY = ['vens', 'pending', 'pushStatus'] as const;
/** Collections with a declared venId index, read whole for the VEN. */
export const BY_VEN_INDEX = ['events', 'deliveries', 'reportSubscriptions'] as const;

export type VenRowCollection = (typeof BY_VEN_KEY)[number] | (typeof BY_VEN_INDEX)[number];
/** What a VEN's message reads (the default); the pusher's record only where a push step asks for it. */
export const VEN_ROW_COLLECTIONS: readonly VenRowCollection[] = ['vens', 'pending', ...BY_VEN_INDEX];
export const PUSH_ROW_COLLECTIONS: readonly VenRowCollection[] = [...VEN_ROW_COLLECTIONS, 'pushStatus'];

/** What the store read: the collections asked for (a subset of those above), by key (absent keys absent). */
export interface VenRows {
  /** The collections read: reads of others are not answered from here. */
  collections: ReadonlySet<string>;
  byKey: Map<string, Row>;
  byIndex: Map<string, KeyedRow[]>;
}

/** The one VEN whose rows hold `key` of `collection` when the key alone names it (undefined for shared records). */
export function ownerOf(collection: string, key: string): string | undefined {
  if ((BY_VEN_KEY as readonly string[]).includes(collection)) return key;
  if (!(BY_VEN_INDEX as readonly string[]).includes(collection)) return undefined;
  const named = venIdsOf(collection, key, undefined);
  return named.length === 1 && named[0] !== '*' ? named[0] : undefined;
}
