// The pusher's one unit of work per step: record how the last push ended (putting its message back when it
// failed), then claim the next message. The claim is a conditional write on the VEN's push record and queue,
// so on several instances only one sends it; a claim left by a dead instance is taken back after its lifetime.
import type { OadrMessage } from '../oadr/model.js';
import type { VenRecord } from '../store/records.js';
import { PUSH_ROW_COLLECTIONS } from '../store/store.js';
import type { Work } from '../vtn/context.js';
import type { Listed } from '../vtn/distribute.js';
import { nextMessage } from '../vtn/next-message.js';
import { freshPushStatus, PUSH_STATUS, type PushClaim, type PushKind, type PushStatusRecord } from '../vtn/push-status.js';
import { addPending, isDue } from '../vtn/ven-state.js';
import { clipText } from '../clip-text.js';

export type PushOutcome =
  | { result: 'delivered' }
  /** The VEN said no (4xx, a redirect): the message waits for a poll or the operator, never pushed again. */
  | { result: 'refused'; error: string }
  /** Retries ran out: the message waits for the VEN's next contact. */
  | { result: 'failed'; error: string }
  /** Not sent at all (the VTN is stopping): back in the queue, no blame on the VEN. */
  | { result: 'released' };

export interface Finished {
  claim: PushClaim;
  outcome: PushOutcome;
}

export interface Claimed {
  message: OadrMessage;
  claim: PushClaim;
  ven: VenRecord;
}

export interface StepResult {
  claimed?: Claimed;
  /** The VEN's events, for waking it when one changes status with the clock. */
  listed: Listed[];
  /** Another claim is in flight until this time (ms): look again then. */
  busyUntil?: number;
  /** A queued re-send (report request, cancellation) becomes due then (ms). */
  wakeAt?: number;
  /** The claimed message was all there was: unless a change comes meanwhile, the next step only settles. */
  drained?: boolean;
}

export interface Claimer {
  instance: string;
  nextSeq(): number;
  lifetimeMs: number;
}

/** `claimNext` false only settles (the VTN is stopping). */
export async function pushStep(w: Work, venId: string, finished: Finished | undefined, me: Claimer, claimNext = true): Promise<StepResult> {
  // The VEN's rows in one read (a store with round trips answers the step's queue and event reads from it).
  await w.u.prefetch(venId, PUSH_ROW_COLLECTIONS);
  const repo = w.u.collection<PushStatusRecord>(PUSH_STATUS);
  const stored = await repo.get(venId);
  const initial = stored ?? freshPushStatus(venId);
  let status = initial;
  const now = w.now();
  if (finished) status = await settle(w, status, finished, now.toISOString());
  if (status.inFlight) {
    const until = Date.parse(status.inFlight.claimedAt) + me.lifetimeMs;
    if (until > now.getTime()) {
      if (status !== initial) repo.put(venId, status);
      return { listed: [], busyUntil: until };
    }
    status = await reclaim(w, status);
  }
  const ven = await w.u.vens.get(venId);
  const pushes = ven && ven.httpPullModel === false && ven.transportAddress !== undefined;
  const skip = new Set<PushKind>(status.refused);
  const { next, listed, wakeAt, queued } = pushes && !status.suspendedAt && claimNext ? await nextMessage(w, venId, { skip }) : { listed: [], wakeAt: undefined, queued: [] };
  const later = wakeAt !== undefined ? { wakeAt } : {};
  if (!next || !ven) {
    // A VEN that retired meanwhile keeps no push record.
    if (status !== initial && ven) repo.put(venId, status);
    return { listed, ...later };
  }
  const claim: PushClaim = { kind: next.kind, ...(next.item ? { item: next.item } : {}), claimedAt: now.toISOString(), instance: me.instance, seq: me.nextSeq() };
  repo.put(venId, { ...status, inFlight: claim });
  // A distribute with nothing else to push now (only refused kinds or items not yet due, which the wake-up set
  // from this step covers) leaves nothing to send once it arrived.
  const nowIso = now.toISOString();
  const drained = next.kind === 'distribute' && queued.every((i) => skip.has(i.kind) || !isDue(i, nowIso));
  return { claimed: { message: next.message, claim, ven }, listed, ...later, ...(drained ? { drained } : {}) };
}

/** A claim whose instance stopped mid-push: its message is pending again, the VEN is not to blame. */
async function reclaim(w: Work, status: PushStatusRecord): Promise<PushStatusRecord> {
  const claim = status.inFlight!;
  w.log.warn({ venId: status.venId, kind: claim.kind, claimedAt: claim.claimedAt, instance: claim.instance }, 'push claim outlived its instance; its message is pending again');
  await addPending(w, status.venId, claim.item ?? { kind: 'resendEvents' }, true);
  const { inFlight: _drop, ...rest } = status;
  return rest;
}

/** Health after a push, and its message back in the queue unless it arrived. Only the claim's owner settles it. */
async function settle(w: Work, status: PushStatusRecord, f: Finished, at: string): Promise<PushStatusRecord> {
  const current = status.inFlight;
  const ours = current === undefined || (current.instance === f.claim.instance && current.seq === f.claim.seq);
  const { inFlight: _drop, ...rest } = status;
  const base: PushStatusRecord = ours ? rest : status;
  if (f.outcome.result === 'delivered') {
    return { ...base, lastSuccessAt: at, consecutiveFailures: 0, delivered: base.delivered + 1 };
  }
  // Not delivered: the message is pending again, for the VEN's next poll (or the next push once resumed).
  await addPending(w, status.venId, f.claim.item ?? { kind: 'resendEvents' }, true);
  if (f.outcome.result === 'released') return base;
  const failed: PushStatusRecord = {
    ...base, lastFailureAt: at, lastError: clipText(f.outcome.error, 300),
    consecutiveFailures: base.consecutiveFailures + 1, failed: base.failed + 1,
  };
  if (f.outcome.result === 'refused') return { ...failed, refused: [...new Set([...base.refused, f.claim.kind])] };
  return { ...failed, suspendedAt: at };
}
