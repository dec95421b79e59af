// OadrPoll: the next pending message for a VEN in a fixed priority, else oadrResponse 200 (requirements §3).
import type { OadrMessage, OadrPoll } from '../oadr/model.js';
import type { PendingItem } from '../store/records.js';
import type { VtnContext } from './context.js';
import { buildDistribute, distributeIsDue, listEventsFor, markDelivered } from './distribute.js';
import { okResponse } from './replies.js';
import { takePending } from './ven-state.js';

/** Renders a queued item as a message; the reports module registers createReport/cancelReport renderers. */
export type PendingRenderer = (ctx: VtnContext, venId: string, item: PendingItem) => OadrMessage | undefined;

// After registration the VTN's own report registration goes first; the rest follow requirements §3's order.
const AFTER_DISTRIBUTE: PendingItem['kind'][] = ['createReport', 'cancelReport', 'cancelRegistration', 'requestReregistration'];

export async function poll(ctx: VtnContext, msg: OadrPoll): Promise<OadrMessage> {
  const venId = msg.venId;
  const custom = ctx.handlers.get('onPoll');
  if (custom) return (await custom(venId)) ?? okResponse('', venId);

  // Most polls find nothing queued: one lookup instead of five queue scans.
  const queued = ctx.store.pending.has(venId);
  const first = queued ? takePending(ctx, venId, (i) => i.kind === 'registerReport') : undefined;
  if (first) return render(ctx, venId, first);

  const now = ctx.now();
  const listed = listEventsFor(ctx, venId, now);
  if (distributeIsDue(ctx, venId, listed)) {
    const reply = buildDistribute(ctx, venId, listed, now, ctx.newId());
    markDelivered(ctx, venId, listed);
    return reply;
  }
  for (const kind of queued ? AFTER_DISTRIBUTE : []) {
    const item = takePending(ctx, venId, (i) => i.kind === kind);
    if (item) return render(ctx, venId, item);
  }
  return okResponse('', venId);
}

function render(ctx: VtnContext, venId: string, item: PendingItem): OadrMessage {
  const custom = ctx.pendingRenderers.get(item.kind);
  const rendered = custom?.(ctx, venId, item);
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
