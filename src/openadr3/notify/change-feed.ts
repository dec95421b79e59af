// The seam between 3.1 object writes and subscription notifications: handlers publish, the notifier delivers.
import type { ObjectMetadata } from '../objects/oa3-collections.js';

export type Oadr3ObjectType = ObjectMetadata['objectType'];
/** The document's subscription operations that a change triggers (READ is never published). */
export type Oadr3ChangeOperation = 'CREATE' | 'UPDATE' | 'DELETE';

export interface Oadr3Change {
  objectType: Oadr3ObjectType;
  operation: Oadr3ChangeOperation;
  /** The object as a 3.1 client would read it (already the served representation). */
  object: Record<string, unknown>;
}

/**
 * Handlers publish their writes here; events changed outside the 3.1 API come from the core (core-event-bridge.ts).
 */
export interface ChangeFeed {
  publish(change: Oadr3Change): void;
}
