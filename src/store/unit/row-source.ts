// What a unit of work reads through: committed rows with versions (local tables or PostgreSQL), and what it commits.
import type { Row } from '../local/local-table.js';
import type { VenRowCollection, VenRows } from './ven-rows.js';

export type { Row } from '../local/local-table.js';

export interface KeyedRow extends Row {
  key: string;
}

/** Committed state, read by key, by declared index or in key order. Ordered results are by key unless said otherwise. */
export interface RowSource {
  get(collection: string, key: string): Promise<Row | undefined>;
  getMany(collection: string, keys: readonly string[]): Promise<Map<string, Row>>;
  find(collection: string, index: string, value: string, limit: number | undefined): Promise<KeyedRow[]>;
  /** Ordered by (index value, key). */
  range(collection: string, index: string, from: string | undefined, to: string | undefined, limit: number | undefined): Promise<KeyedRow[]>;
  list(collection: string, after: string | undefined, limit: number | undefined): Promise<KeyedRow[]>;
  count(collection: string): Promise<number>;
  /** A VEN's rows of `collections` (ven-rows.ts) in one read, at one snapshot; left out by stores whose reads cost no round trip. */
  venRows?(venId: string, collections: readonly VenRowCollection[]): Promise<VenRows>;
}

/** One buffered change; `expected` is the version it was read at (0 = must be absent), undefined for a blind write. */
export interface PendingWrite {
  collection: string;
  key: string;
  /** undefined = delete. */
  value: unknown;
  expected: number | undefined;
  /** The record before this unit's write, when the unit read it (change notices need the old audience of a delete). */
  before?: unknown;
}

/** Thrown by a commit whose conditional write lost a race; the unit runs again. */
export class WriteConflict extends Error {
  constructor(readonly collection: string, readonly key: string) {
    super(`write conflict on "${collection}"/"${key.slice(0, 64)}"`);
  }
}
