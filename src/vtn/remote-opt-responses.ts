// Opt responses that reach another instance (behind a load balancer) still resolve the callbacks and response()
// promises given to addEvent here: another instance's commit notice makes this one re-read the deliveries it listens to.
import type { ChangeNotice } from '../store/store.js';
import type { DeliveryRecord } from '../store/records.js';
import type { VtnContext } from './context.js';

export function followRemoteOptResponses(ctx: VtnContext): () => void {
  let queue = Promise.resolve();
  const check = async (notice: ChangeNotice): Promise<void> => {
    const events = ctx.optListeners.listenedEvents();
    if (events.length === 0) return;
    const vens = notice.venIds.includes('*') ? undefined : new Set(notice.venIds);
    const fresh: DeliveryRecord[] = [];
    await ctx.store.unit(async (u) => {
      for (const eventId of events) {
        for (const d of await u.deliveries.find('eventId', eventId)) {
          if (vens && !vens.has(d.venId)) continue;
          if (d.optType && d.respondedAt && !ctx.optListeners.wasTold(d.eventId, d.venId, d.respondedAt)) fresh.push(d);
        }
      }
    }, { label: 'remote opt responses' });
    // Only the listeners given here: the onCreatedEvent hook already ran on the instance that got the answer.
    const onError = (err: unknown) => ctx.log.error({ err }, 'opt response callback failed');
    for (const d of fresh) await ctx.optListeners.notify(d.venId, d.eventId, d.optType!, onError, d.respondedAt);
  };
  return ctx.store.onChange((notice) => {
    if (notice.origin !== 'remote' || !notice.collections.includes('deliveries')) return;
    queue = queue.then(() => check(notice)).catch((err) => ctx.log.warn({ err: (err as Error).message }, 'opt responses from another instance not followed'));
  });
}
