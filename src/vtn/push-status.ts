// Per-VEN push state, keyed by venId (one record per registered push VEN, deleted when it retires):
// health for the operator, the kinds a VEN refused, and the claim of the push in flight.
import type { PendingItem } from '../store/records.js';
import type { Work } from './context.js';

export const PUSH_STATUS = 'pushStatus';

/** What a push carries: a queued item, or the VEN's event list ('distribute'). */
export type PushKind = PendingItem['kind'] | 'distribute';

export interface PushClaim {
  kind: PushKind;
  /** The queued item taken for this push (absent for a distribute): put back if the push fails. */
  item?: PendingItem;
  claimedAt: string;
  /** The pushing instance (random per process) and its sequence number: only it completes the claim. */
  instance: string;
  seq: number;
}

export interface PushStatusRecord {
  venId: string;
  lastSuccessAt?: string;
  lastFailureAt?: string;
  /** What went wrong last (HTTP status and text, or the transport error). */
  lastError?: string;
  consecutiveFailures: number;
  delivered: number;
  failed: number;
  /** Kinds the VEN refused (HTTP 4xx, a redirect): not pushed again; they wait for a poll or the operator. */
  refused: PushKind[];
  /** Set when retries ran out: nothing is pushed until the VEN's next message, a re-registration or a resume. */
  suspendedAt?: string;
  inFlight?: PushClaim;
}

export const freshPushStatus = (venId: string): PushStatusRecord => ({ venId, consecutiveFailures: 0, delivered: 0, failed: 0, refused: [] });

/** Clears refusals and a suspension (re-registration, operator resume); the push in flight keeps its claim. */
export async function resetPushStatus(w: Work, venId: string): Promise<boolean> {
  const repo = w.u.collection<PushStatusRecord>(PUSH_STATUS);
  const current = await repo.get(venId);
  if (!current || (current.refused.length === 0 && !current.suspendedAt)) return false;
  const { suspendedAt: _s, ...rest } = current;
  repo.put(venId, { ...rest, refused: [], consecutiveFailures: 0 });
  return true;
}
