// OadrPoll: the next pending message for a VEN in a fixed priority, else oadrResponse 200 (requirements §3).
import type { OadrMessage, OadrPoll } from '../oadr/model.js';
import type { PendingItem } from '../store/records.js';
import type { Work } from './context.js';
import { buildDistribute, distributeIsDue, listEventsFor, markDelivered } from './distribute.js';
import { nextStatusChange } from './events/index.js';
import type { IdleToken } from './idle-polls.js';
import { okResponse } from './replies.js';
import { takePending } from './ven-state.js';

/** Renders a queued item as a message; the reports module registers createReport/cancelReport renderers. */
export type PendingRenderer = (w: Work, venId: string, item: PendingItem) => Promise<OadrMessage | undefined>;

// After registration the VTN's own report registration goes first; the rest follow requirements §3's order.
const AFTER_DISTRIBUTE: PendingItem['kind'][] = ['createReport', 'cancelReport', 'cancelRegistration', 'requestReregistration'];

/** `token` was taken before the unit read anything: an idle answer is cached only if nothing changed since. */
export async function poll(w: Work, msg: OadrPoll, token: IdleToken): Promise<OadrMessage> {
  const venId = msg.venId;
  const custom = w.handlers.get('onPoll');
  if (custom) return (await custom(venId)) ?? okResponse('', venId);

  // Most polls find nothing queued: one lookup instead of five queue scans.
  const queued = (await w.u.pending.get(venId))?.items ?? [];
  const first = queued.length ? await takePending(w, venId, (i) => i.kind === 'registerReport') : undefined;
  if (first) return await render(w, venId, first);

  const now = w.now();
  const listed = await listEventsFor(w, venId, now);
  if (distributeIsDue(listed, queued.some((i) => i.kind === 'resendEvents'))) {
    const reply = buildDistribute(w, venId, listed, now, w.newId());
    await markDelivered(w, venId, listed);
    return reply;
  }
  for (const kind of queued.length ? AFTER_DISTRIBUTE : []) {
    const item = await takePending(w, venId, (i) => i.kind === kind);
    if (item) return await render(w, venId, item);
  }
  const ven = await w.u.vens.get(venId);
  if (ven && queued.length === 0) {
    const changes = listed.map((l) => nextStatusChange(l.rec, now)).filter((t): t is number => t !== undefined);
    w.u.afterCommit(() => w.idle.markIdle(ven, token, now.getTime(), changes.length ? Math.min(...changes) : undefined));
  }
  return okResponse('', venId);
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
