// OadrPoll: the next pending message for a VEN in a fixed priority (next-message.ts), else oadrResponse 200 (requirements §3).
import type { OadrMessage, OadrPoll } from '../oadr/model.js';
import type { Work } from './context.js';
import { nextStatusChange } from './events/index.js';
import type { IdleToken } from './idle-polls.js';
import { nextMessage } from './next-message.js';
import { okResponse } from './replies.js';

export type { PendingRenderer } from './next-message.js';

/** `token` was taken before the unit read anything: an idle answer is cached only if nothing changed since. */
export async function poll(w: Work, msg: OadrPoll, token: IdleToken): Promise<OadrMessage> {
  const venId = msg.venId;
  const custom = w.handlers.get('onPoll');
  if (custom) return (await custom(venId)) ?? okResponse('', venId);

  const { next, queued, listed, wakeAt, onlyDeferred } = await nextMessage(w, venId, { pull: true });
  if (next) return next.message;
  const ven = await w.u.vens.get(venId);
  // Only deferred items left (a re-send not due yet): idle until the first of them is.
  if (ven && (queued.length === 0 || onlyDeferred)) {
    const now = w.now();
    const changes = listed.map((l) => nextStatusChange(l.rec, now)).filter((t): t is number => t !== undefined);
    if (wakeAt !== undefined) changes.push(wakeAt);
    w.u.afterCommit(() => w.idle.markIdle(ven, token, now.getTime(), changes.length ? Math.min(...changes) : undefined));
  }
  return okResponse('', venId);
}
