// The stored 3.1 objects: one collection per object type, keyed by the object's id, written only through the Store.
// Events are the core's events (collection `events`); `oa3EventExtras` keeps what only a 3.1 event says.

export const OA3 = {
  programs: 'oa3Programs',
  eventExtras: 'oa3EventExtras',
  vens: 'oa3Vens',
  resources: 'oa3Resources',
  subscriptions: 'oa3Subscriptions',
  reports: 'oa3Reports',
} as const;

/** What the VTN writes on every object (the document's objectMetadata). */
export interface ObjectMetadata {
  id: string;
  createdDateTime: string;
  modificationDateTime: string;
  objectType: 'PROGRAM' | 'EVENT' | 'REPORT' | 'SUBSCRIPTION' | 'VEN' | 'RESOURCE';
}

/** A stored 3.1 object: the representation as served, plus who created it. */
export type StoredObject<T> = ObjectMetadata & T & { clientID?: string };
