// What each collection declares to every store: its secondary indexes and which VENs a record concerns.
// Stores compute index values and change notices from these, so a repository query never scans a collection.
import type { DeliveryRecord, EventRecord, OptRecord, PendingRecord, VenRecord } from './records.js';

export interface CollectionSpec {
  /** Index name → the index values of a record (a record may have several, e.g. an event's venIds). */
  indexes: Record<string, (value: never) => readonly string[]>;
  /** The VENs whose pollers a write wakes; `value` is undefined for a delete. '*' wakes every VEN. */
  venIdsOf: (key: string, value: never | undefined) => readonly string[];
}

const NONE: CollectionSpec = { indexes: {}, venIdsOf: () => [] };
const KEY_IS_VEN: CollectionSpec = { indexes: {}, venIdsOf: (key) => [key] };
const byVenField = (key: string, value: { venId: string } | undefined): readonly string[] => [value?.venId ?? segment(key, 0)];

/** The `n`th (0 or 1) \u0000-separated part of a key, as key.split('\u0000')[n] ?? key without the array: every commit asks. */
function segment(key: string, n: 0 | 1): string {
  const first = key.indexOf('\u0000');
  if (first < 0) return key;
  if (n === 0) return key.slice(0, first);
  const second = key.indexOf('\u0000', first + 1);
  return second < 0 ? key.slice(first + 1) : key.slice(first + 1, second);
}

/** Time an event leaves the live set (end, or cancellation), the retention index. Open-ended events never end. */
export function eventEndIso(rec: EventRecord): string | undefined {
  if (rec.cancelledAt) return rec.cancelledAt;
  if (rec.duration === 0) return undefined;
  return new Date(Date.parse(rec.dtstart) + rec.duration + (rec.recovery ?? 0)).toISOString();
}

const specs: Record<string, CollectionSpec> = {
  vens: {
    indexes: {
      registrationId: (v: VenRecord) => [v.registrationId],
      fingerprint: (v: VenRecord) => (v.fingerprint ? [v.fingerprint] : []),
      // The admin API and `vtn explain` accept a venName wherever a venId is.
      venName: (v: VenRecord) => (v.venName ? [v.venName] : []),
    },
    venIdsOf: (key) => [key],
  },
  events: {
    indexes: {
      venId: (e: EventRecord) => e.venIds,
      endsAt: (e: EventRecord) => { const end = eventEndIso(e); return end ? [end] : []; },
      openEnded: (e: EventRecord) => (e.duration === 0 && !e.cancelledAt ? ['open'] : []),
    },
    // A delete without the record in hand cannot say whom it concerned: wake everyone.
    venIdsOf: (_key, e: EventRecord | undefined) => e?.venIds ?? ['*'],
  },
  deliveries: {
    indexes: { venId: (d: DeliveryRecord) => [d.venId], eventId: (d: DeliveryRecord) => [d.eventId] },
    venIdsOf: (key: string) => [segment(key, 1)],
  },
  opts: {
    indexes: { venId: (o: OptRecord) => [o.venId], eventId: (o: OptRecord) => (o.eventId ? [o.eventId] : []) },
    venIdsOf: byVenField,
  },
  pending: {
    indexes: {
      // When a VTN-initiated cancellation retires its VEN whatever it answers (field-timers.ts sweeps by it).
      retireAt: (p: PendingRecord) => p.items.flatMap((i) => (i.kind === 'cancelRegistration' && i.retireAt ? [i.retireAt] : [])),
    },
    venIdsOf: (key) => [key],
  },
  reportOffers: KEY_IS_VEN,
  presence: NONE,
  // Push health and claims: written by the pusher, which needs no wake-up from its own bookkeeping.
  pushStatus: NONE,
  reportSubscriptions: {
    indexes: { venId: (s: { venId: string }) => [s.venId] },
    venIdsOf: (key, s: { venId: string } | undefined) => (s ? [s.venId] : ['*']),
  },
  scheduleOccurrences: { indexes: { scheduleId: (o: { scheduleId: string }) => [o.scheduleId] }, venIdsOf: () => [] },
  replayNonces: { indexes: { expiresAt: (n: { expiresAt: string }) => [n.expiresAt] }, venIdsOf: () => [] },
  // The policy's decision log (src/rules/explain): each lane (a trigger, or refusals) is trimmed within its own budget.
  decisions: { indexes: { lane: (d: { lane?: string; trigger: string }) => [d.lane ?? d.trigger] }, venIdsOf: () => [] },
  // Refused registrations (src/vtn/refusal-records.ts): the least recently refused is evicted first.
  refusals: { indexes: { lastSeen: (r: { lastSeen: string }) => [r.lastSeen] }, venIdsOf: () => [] },
  // Retired registrations for the operator (src/vtn/retired-vens.ts), trimmed oldest first.
  retiredVens: { indexes: { retiredAt: (r: { retiredAt: string }) => [r.retiredAt] }, venIdsOf: () => [] },
  eventArchive: { indexes: { archivedAt: (a: { archivedAt: string }) => [a.archivedAt] }, venIdsOf: () => [] },
  // OpenADR 3.1 objects (src/openadr3/objects): looked up by name, owner clientID, program and ven.
  oa3Programs: { indexes: { programName: (p: { programName: string }) => [p.programName] }, venIdsOf: () => [] },
  oa3EventExtras: { indexes: { programID: (e: { programID: string }) => [e.programID] }, venIdsOf: () => [] },
  oa3Vens: {
    indexes: { venName: (v: { venName: string }) => [v.venName], clientID: (v: { clientID?: string }) => (v.clientID ? [v.clientID] : []) },
    venIdsOf: () => [],
  },
  oa3Resources: {
    indexes: { venID: (r: { venID: string }) => [r.venID], clientID: (r: { clientID?: string }) => (r.clientID ? [r.clientID] : []) },
    venIdsOf: () => [],
  },
  oa3Subscriptions: {
    indexes: { clientID: (s: { clientID?: string }) => (s.clientID ? [s.clientID] : []), programID: (s: { programID?: string }) => (s.programID ? [s.programID] : []) },
    venIdsOf: () => [],
  },
  // Changes whose webhook notifications are not settled yet (src/openadr3/notify/webhook-outbox.ts): small, listed whole.
  webhookOutbox: NONE,
  oa3Reports: {
    indexes: { eventID: (r: { eventID: string }) => [r.eventID], clientID: (r: { clientID?: string }) => (r.clientID ? [r.clientID] : []) },
    venIdsOf: () => [],
  },
};

/** The spec of `name`; collections nobody declared (meta, decisions, extensions) have no indexes and wake nobody. */
export function specOf(name: string): CollectionSpec {
  return specs[name] ?? NONE;
}

/** Index values of `value` under `index` of `collection`; throws for an undeclared index (a programming error). */
export function indexValues(collection: string, index: string, value: unknown): readonly string[] {
  const fn = specOf(collection).indexes[index];
  if (!fn) throw new Error(`Collection "${collection}" has no index "${index}": declare it in src/store/collection-specs.ts`);
  return (fn as (v: unknown) => readonly string[])(value);
}

export function assertIndex(collection: string, index: string): void {
  if (!specOf(collection).indexes[index]) {
    throw new Error(`Collection "${collection}" has no index "${index}": declare it in src/store/collection-specs.ts`);
  }
}

export function venIdsOf(collection: string, key: string, value: unknown): readonly string[] {
  return (specOf(collection).venIdsOf as (k: string, v: unknown) => readonly string[])(key, value);
}
