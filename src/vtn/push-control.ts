// What the operator sees of push and may do about it: one VEN's push health, a fleet summary, resume.
// The pusher itself (src/push, run by VtnServer) registers as `pusher`; a bare Vtn has none and accepts no push VEN.
import { VtnError } from '../errors.js';
import type { VenRecord } from '../store/records.js';
import { inUnit, type VtnContext } from './context.js';
import { freshPushStatus, PUSH_STATUS, resetPushStatus, type PushKind, type PushStatusRecord } from './push-status.js';

export interface Pusher {
  wake(venId: string): void;
  readonly backlog: { queued: number; inFlight: number };
  readonly roster: { readonly size: number; suspendedCount(): number };
  /** Told about every push outcome (metrics); returns the unsubscribe. */
  onOutcome(observer: (r: { type: string; outcome: { result: string }; tries: number; ms: number }) => void): () => void;
}

export interface PushView {
  mode: 'push' | 'pull';
  transportAddress?: string;
  lastSuccessAt?: string;
  lastFailureAt?: string;
  lastError?: string;
  consecutiveFailures: number;
  delivered: number;
  failed: number;
  /** Messages the VEN refused; they wait for its poll (or a resume). */
  refused: PushKind[];
  /** Pushes paused after retries ran out, until the VEN's next message. */
  suspended: boolean;
  inFlight?: PushKind;
  /** Queued messages waiting for this VEN (the event list is not counted: it is derived). */
  pending: number;
}

export interface PushSummary {
  enabled: boolean;
  pushVens: number;
  healthy: number;
  failing: number;
  suspended: number;
  withRefusals: number;
  delivered: number;
  failed: number;
  queued: number;
  inFlight: number;
}

export class PushControl {
  pusher: Pusher | undefined;
  readonly #ctx: VtnContext;

  constructor(ctx: VtnContext) {
    this.#ctx = ctx;
  }

  async status(venId: string): Promise<PushView | undefined> {
    return inUnit(this.#ctx, 'pushStatus', async (w) => {
      const ven = await w.u.vens.get(venId);
      if (!ven) return undefined;
      const [status, pending] = await Promise.all([w.u.collection<PushStatusRecord>(PUSH_STATUS).get(venId), w.u.pending.get(venId)]);
      return viewOf(ven, status ?? freshPushStatus(venId), pending?.items.length ?? 0);
    });
  }

  /** Counts over every push record (bounded: one per registered push VEN), read page by page. */
  async summary(): Promise<PushSummary> {
    const s: PushSummary = { enabled: this.#ctx.settings.push.enabled, pushVens: this.pusher?.roster.size ?? 0, healthy: 0, failing: 0, suspended: 0, withRefusals: 0, delivered: 0, failed: 0, ...(this.pusher?.backlog ?? { queued: 0, inFlight: 0 }) };
    let after: string | undefined;
    for (;;) {
      const page = await inUnit(this.#ctx, 'pushSummary', (w) => w.u.collection<PushStatusRecord>(PUSH_STATUS).list({ limit: 1000, ...(after !== undefined ? { after } : {}) }));
      for (const { value: r } of page) {
        if (r.suspendedAt) s.suspended++;
        else if (r.consecutiveFailures > 0) s.failing++;
        else s.healthy++;
        if (r.refused.length) s.withRefusals++;
        s.delivered += r.delivered;
        s.failed += r.failed;
      }
      if (page.length < 1000) return s;
      after = page[page.length - 1]!.key;
    }
  }

  /** Push again: clears a suspension (and, unless kept, the refused kinds, which are pushed once more). */
  async resume(venId: string, opts: { keepRefusals?: boolean } = {}): Promise<PushView> {
    await inUnit(this.#ctx, 'resumePush', async (w) => {
      const ven = await w.u.vens.get(venId);
      if (!ven) throw new VtnError('E_VEN_UNKNOWN', `No registered VEN with venId ${venId}.`, 'List VENs with vtn.listVens().');
      if (!opts.keepRefusals) return resetPushStatus(w, venId);
      const repo = w.u.collection<PushStatusRecord>(PUSH_STATUS);
      const current = await repo.get(venId);
      if (!current?.suspendedAt) return false;
      const { suspendedAt: _s, ...rest } = current;
      repo.put(venId, { ...rest, consecutiveFailures: 0 });
      return true;
    });
    this.#ctx.log.info({ venId, keepRefusals: Boolean(opts.keepRefusals) }, 'push resumed');
    this.pusher?.wake(venId);
    return (await this.status(venId))!;
  }
}

function viewOf(ven: VenRecord, s: PushStatusRecord, pending: number): PushView {
  return {
    mode: ven.httpPullModel === false && ven.transportAddress ? 'push' : 'pull',
    ...(ven.transportAddress ? { transportAddress: ven.transportAddress } : {}),
    ...(s.lastSuccessAt ? { lastSuccessAt: s.lastSuccessAt } : {}),
    ...(s.lastFailureAt ? { lastFailureAt: s.lastFailureAt } : {}),
    ...(s.lastError ? { lastError: s.lastError } : {}),
    consecutiveFailures: s.consecutiveFailures, delivered: s.delivered, failed: s.failed, refused: s.refused,
    suspended: Boolean(s.suspendedAt), ...(s.inFlight ? { inFlight: s.inFlight.kind } : {}), pending,
  };
}
