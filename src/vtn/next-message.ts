// The next message a VEN should get, in requirements §3's fixed priority: shared by poll (pull) and push.
import type { OadrMessage } from '../oadr/model.js';
import type { PendingItem } from '../store/records.js';
import type { Work } from './context.js';
import { buildDistribute, distributeIsDue, listEventsFor, markDelivered, type Listed } from './distribute.js';
import type { PushKind } from './push-status.js';
import { renderCancellation, retireIfGraceOver } from './registration-cancel.js';
import { okResponse } from './replies.js';
import { isDue, takePending } from './ven-state.js';

/** Renders a queued item as a message (undefined: nothing left to send, the item is dropped); the reports module registers createReport/cancelReport renderers. */
export type PendingRenderer = (w: Work, venId: string, item: PendingItem) => Promise<OadrMessage | undefined>;

// After registration the VTN's own report registration goes first; the rest follow requirements §3's order.
const AFTER_DISTRIBUTE: PendingItem['kind'][] = ['createReport', 'cancelReport', 'cancelRegistration', 'requestReregistration'];

export interface NextMessage {
  message: OadrMessage;
  kind: PushKind;
  /** The queued item taken (absent for a distribute). */
  item?: PendingItem;
}

export interface NextLookup {
  next?: NextMessage;
  /** What was queued before anything was taken, and the VEN's current event list (for the idle decision). */
  queued: PendingItem[];
  listed: Listed[];
  /** ms: the earliest time a deferred item (a re-send, a retry) becomes due; look again then. */
  wakeAt?: number;
  /** Everything still queued waits for its time (the VEN is idle until wakeAt). */
  onlyDeferred?: boolean;
  /** The poll found the VEN's cancellation grace over: the VEN is retired in this unit (`next` tells it). */
  retired?: boolean;
}

export interface NextOptions {
  /** Kinds left where they are (push: those the VEN refused). */
  skip?: ReadonlySet<PushKind>;
  /** A poll (not a push step): it may retire a VEN whose cancellation grace is over. */
  pull?: boolean;
}

/** Takes (conditionally: the read version guards the take) the next message. */
export async function nextMessage(w: Work, venId: string, o: NextOptions = {}): Promise<NextLookup> {
  const skip = o.skip ?? new Set<PushKind>();
  // Most lookups find nothing queued: one read instead of five queue scans.
  const queued = (await w.u.pending.get(venId))?.items ?? [];
  const now = w.now();
  const nowIso = now.toISOString();
  if (o.pull && queued.length) {
    const ended = await retireIfGraceOver(w, venId);
    if (ended) return { next: { message: cancelMessage(w, venId, ended.registrationId), kind: 'cancelRegistration', item: ended }, queued, listed: [], retired: true };
  }
  const take = async (kind: PendingItem['kind']): Promise<NextMessage | undefined> => {
    if (skip.has(kind)) return undefined;
    for (;;) {
      const item = await takePending(w, venId, (i) => i.kind === kind && isDue(i, nowIso));
      if (!item) return undefined;
      const message = await render(w, venId, item);
      if (message) return { message, kind, item };
    }
  };
  const done = async (lookup: Omit<NextLookup, 'queued'>): Promise<NextLookup> => {
    const later = queued.length ? await deferred(w, venId, nowIso) : {};
    return { ...lookup, queued, ...later };
  };
  const first = queued.length ? await take('registerReport') : undefined;
  if (first) return done({ next: first, listed: [] });

  const listed = await listEventsFor(w, venId, now);
  if (!skip.has('distribute') && distributeIsDue(listed, queued.some((i) => i.kind === 'resendEvents'))) {
    const message = buildDistribute(w, venId, listed, now, w.newId());
    await markDelivered(w, venId, listed);
    return done({ next: { message, kind: 'distribute' }, listed });
  }
  for (const kind of queued.length ? AFTER_DISTRIBUTE : []) {
    const next = await take(kind);
    if (next) return done({ next, listed });
  }
  return done({ listed });
}

async function deferred(w: Work, venId: string, nowIso: string): Promise<Pick<NextLookup, 'wakeAt' | 'onlyDeferred'>> {
  const items = (await w.u.pending.get(venId))?.items ?? [];
  // A cancellation's grace ending is a due time too: the poll after it retires the VEN.
  const times = items.flatMap((i) => (isDue(i, nowIso) ? [] : [Math.min(Date.parse((i as { notBefore: string }).notBefore), i.kind === 'cancelRegistration' && i.retireAt ? Date.parse(i.retireAt) : Infinity)]));
  return times.length ? { wakeAt: Math.min(...times), onlyDeferred: times.length === items.length } : {};
}

const cancelMessage = (w: Work, venId: string, registrationId: string): OadrMessage => ({ type: 'oadrCancelPartyRegistration', requestId: w.newId(), registrationId, venId });

async function render(ctx: Work, venId: string, item: PendingItem): Promise<OadrMessage | undefined> {
  const custom = ctx.pendingRenderers.get(item.kind);
  if (custom) return custom(ctx, venId, item);
  switch (item.kind) {
    case 'registerReport':
      return { type: 'oadrRegisterReport', requestId: ctx.newId(), reports: [], venId };
    case 'cancelRegistration':
      return renderCancellation(ctx, venId, item);
    case 'requestReregistration':
      return { type: 'oadrRequestReregistration', venId };
    default:
      ctx.log.warn({ venId, kind: item.kind }, 'no renderer for a queued message; dropped');
      return okResponse('', venId);
  }
}
