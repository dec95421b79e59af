// The next message a VEN should get, in requirements §3's fixed priority: shared by poll (pull) and push.
import type { OadrMessage } from '../oadr/model.js';
import type { PendingItem } from '../store/records.js';
import type { Work } from './context.js';
import { buildDistribute, distributeIsDue, listEventsFor, markDelivered, type Listed } from './distribute.js';
import type { PushKind } from './push-status.js';
import { okResponse } from './replies.js';
import { takePending } from './ven-state.js';

/** Renders a queued item as a message; the reports module registers createReport/cancelReport renderers. */
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
}

/** Takes (conditionally: the read version guards the take) the next message; `skip` leaves kinds where they are. */
export async function nextMessage(w: Work, venId: string, skip: ReadonlySet<PushKind> = new Set()): Promise<NextLookup> {
  // Most lookups find nothing queued: one read instead of five queue scans.
  const queued = (await w.u.pending.get(venId))?.items ?? [];
  const take = async (kind: PendingItem['kind']): Promise<NextMessage | undefined> => {
    if (skip.has(kind)) return undefined;
    const item = await takePending(w, venId, (i) => i.kind === kind);
    return item ? { message: await render(w, venId, item), kind, item } : undefined;
  };
  const first = queued.length ? await take('registerReport') : undefined;
  if (first) return { next: first, queued, listed: [] };

  const now = w.now();
  const listed = await listEventsFor(w, venId, now);
  if (!skip.has('distribute') && distributeIsDue(listed, queued.some((i) => i.kind === 'resendEvents'))) {
    const message = buildDistribute(w, venId, listed, now, w.newId());
    await markDelivered(w, venId, listed);
    return { next: { message, kind: 'distribute' }, queued, listed };
  }
  for (const kind of queued.length ? AFTER_DISTRIBUTE : []) {
    const next = await take(kind);
    if (next) return { next, queued, listed };
  }
  return { queued, listed };
}

async function render(ctx: Work, venId: string, item: PendingItem): Promise<OadrMessage> {
  const custom = ctx.pendingRenderers.get(item.kind);
  const rendered = await custom?.(ctx, venId, item);
  if (rendered) return rendered;
  switch (item.kind) {
    case 'registerReport':
      return { type: 'oadrRegisterReport', requestId: ctx.newId(), reports: [], venId };
    case 'cancelRegistration':
      return { type: 'oadrCancelPartyRegistration', requestId: ctx.newId(), registrationId: item.registrationId, venId };
    case 'requestReregistration':
      return { type: 'oadrRequestReregistration', venId };
    default:
      ctx.log.warn({ venId, kind: item.kind }, 'no renderer for a queued message; dropped');
      return okResponse('', venId);
  }
}
