// What the VTN persists. Records are plain JSON (dates as ISO strings) so the journal and snapshot need no revivers.
import type { OptType, ResponseRequired, Target } from '../oadr/model.js';

/** An accepted VEN registration. Keyed by venId. */
export interface VenRecord {
  venId: string;
  venName?: string;
  registrationId: string;
  profileName: string;
  transportName: string;
  transportAddress?: string;
  httpPullModel: boolean;
  xmlSignature: boolean;
  reportOnly: boolean;
  /** TLS client-certificate fingerprint bound at registration (last 10 bytes of SHA-256, AA:BB:…). */
  fingerprint?: string;
  /** Poll frequency granted to this VEN, ISO string-free milliseconds. */
  pollFreqMs?: number;
  registeredAt: string;
}

export interface StoredInterval {
  duration: number;
  payload: number;
  uid?: string;
}

export interface StoredSignal {
  signalName: string;
  signalType: string;
  signalId: string;
  intervals: StoredInterval[];
  itemBase?: {
    kind: string;
    description: string;
    units: string;
    siScaleCode?: string;
    powerAttributes?: { hertz: number; voltage: number; ac: boolean };
  };
  target?: Target;
}

/** An event as authored (one per eventId), with its delivery audience. Keyed by eventId. */
export interface EventRecord {
  eventId: string;
  modificationNumber: number;
  modificationDateTime: string;
  modificationReason?: string;
  priority: number;
  marketContext: string;
  createdDateTime: string;
  testEvent: boolean;
  vtnComment?: string;
  dtstart: string;
  /** ms; 0 = open-ended. */
  duration: number;
  startAfter?: number;
  notification?: number;
  rampUp?: number;
  recovery?: number;
  signals: StoredSignal[];
  baseline?: {
    baselineId: string;
    baselineName: string;
    dtstart: string;
    duration: number;
    intervals: StoredInterval[];
    resourceIds?: string[];
  };
  target: Target;
  responseRequired: ResponseRequired;
  /** The VENs this event is delivered to. */
  venIds: string[];
  /** Set when the event may have no 2.0b VEN at all (an OpenADR 3.1 event for 3.1 VENs only). */
  allowNoVens?: true;
  /** ISO time when cancelled; status is then sticky `cancelled`. */
  cancelledAt?: string;
  /** Free-form provenance (e.g. schedule id and fire time, rule id) for idempotency checks. */
  origin?: Record<string, string>;
  /** Prior versions' modification numbers with their times and reasons. */
  history: { modificationNumber: number; at: string; reason?: string }[];
}

/** Per (eventId, venId): what the VEN has been sent and what it answered. Keyed by `${eventId}\u0000${venId}`. */
export interface DeliveryRecord {
  eventId: string;
  venId: string;
  /** Modification number of the last distribute that reached the VEN's poll. */
  deliveredModification?: number;
  /** Status last delivered (so status changes trigger redistribution). */
  deliveredStatus?: string;
  optType?: OptType;
  optModification?: number;
  /** 200, or e.g. 460 when the VEN said the signal is not supported. */
  responseCode?: number;
  respondedAt?: string;
  /** Set once a completed/cancelled event has been delivered and need not be sent again. */
  retired?: boolean;
  /** 'openadr3': the answer of a 3.1 VEN (by its ven object id), which reads the event itself and is not in venIds. */
  protocol?: 'openadr3';
}

/** An EiOpt schedule or event-scoped opt created by a VEN. Keyed by `${venId}\u0000${optId}`. */
export interface OptRecord {
  optId: string;
  venId: string;
  optType: OptType;
  optReason: string;
  marketContext?: string;
  schedule?: { dtstart: string; duration: number }[];
  eventId?: string;
  modificationNumber?: number;
  target: Target;
  createdAt: string;
  cancelledAt?: string;
}

/** Messages waiting for a VEN's next poll (besides distribute-event, which is derived). Keyed by venId. */
export interface PendingRecord {
  venId: string;
  items: PendingItem[];
}

export type PendingItem =
  | { kind: 'registerReport' }
  /** `retry`: the n-th re-send of requests nobody acknowledged; `notBefore`: not sent before this ISO time. */
  | { kind: 'createReport'; reportRequestIds: string[]; retry?: number; notBefore?: string }
  | { kind: 'cancelReport'; reportRequestIds: string[]; reportToFollow: boolean }
  /** Re-sent (not before `notBefore`) until confirmed; the VEN is retired at `retireAt` in any case. */
  | { kind: 'cancelRegistration'; registrationId: string; requestedAt?: string; retireAt?: string; sends?: number; lastSentAt?: string; notBefore?: string }
  | { kind: 'requestReregistration' }
  /** The VEN's event list changed without a listed event changing (it left an event's audience): send the list again. */
  | { kind: 'resendEvents' };
