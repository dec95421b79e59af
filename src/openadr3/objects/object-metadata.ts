// Metadata the VTN writes on create and update; what a client sends for those fields is ignored (§POST and PUT).
import { randomUUID } from 'node:crypto';
import type { ObjectMetadata } from './oa3-collections.js';

const METADATA_FIELDS = ['id', 'createdDateTime', 'modificationDateTime', 'objectType'] as const;

/** The client's representation without the fields only the VTN writes. */
export function withoutMetadata<T extends object>(body: T): Omit<T, (typeof METADATA_FIELDS)[number]> {
  const copy = { ...body } as Record<string, unknown>;
  for (const f of METADATA_FIELDS) delete copy[f];
  return copy as Omit<T, (typeof METADATA_FIELDS)[number]>;
}

export function newMetadata(objectType: ObjectMetadata['objectType'], now: Date, id: string = randomUUID()): ObjectMetadata {
  const at = now.toISOString();
  return { id, createdDateTime: at, modificationDateTime: at, objectType };
}

/** The stored object with the client's new representation, keeping id, creation time and type. */
export function updated<T extends ObjectMetadata>(stored: T, body: object, now: Date): T {
  return { ...withoutMetadata(body), id: stored.id, createdDateTime: stored.createdDateTime, modificationDateTime: now.toISOString(), objectType: stored.objectType } as T;
}
