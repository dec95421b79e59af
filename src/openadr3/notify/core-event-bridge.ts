// Events made outside the 3.1 API (admin API, rules, schedules, embedders) reach subscriptions: the core's event
// changes become EVENT CREATE / UPDATE / DELETE (a cancelled event is deleted for 3.1 clients, and so is one that
// retention takes out of the live set, unless it was cancelled and announced already). Changes made while a 3.1
// request runs are skipped: its handler publishes them itself, with what only 3.1 says (targets, names).
import { AsyncLocalStorage } from 'node:async_hooks';
import type { EventChange } from '../../vtn/vtn.js';
import type { Oadr3Handlers, Oadr3Services } from '../http/handler-types.js';
import { eventFromCore, unknownProgramId } from '../objects/event-from-core.js';
import type { EventExtras } from '../objects/event-request.js';
import { OA3 } from '../objects/oa3-collections.js';
import { programIdOfMarketContext } from '../objects/program-directory.js';
import type { ChangeFeed, Oadr3ChangeOperation } from './change-feed.js';

const OPERATION: Record<EventChange['kind'], Oadr3ChangeOperation> = { created: 'CREATE', modified: 'UPDATE', cancelled: 'DELETE', removed: 'DELETE' };

const inRequest = new AsyncLocalStorage<true>();

/** The handlers, each run marked as a 3.1 request (so the core changes it makes are not published twice). */
export function markedHandlers(handlers: Oadr3Handlers): Oadr3Handlers {
  return Object.fromEntries(Object.entries(handlers).map(([id, h]) => [id, h && ((s: Oadr3Services, r: Parameters<typeof h>[1]) => inRequest.run(true, () => h(s, r)))]));
}

/** Publishes every event change made outside a 3.1 request, in the order they happened; returns the unsubscribe. */
export function publishCoreEvents(services: Oadr3Services, feed: ChangeFeed): () => void {
  let chain = Promise.resolve();
  return services.vtn.onEventChange((change) => {
    if (inRequest.getStore()) return;
    chain = chain
      .then(async () => {
        const rec = change.event;
        const store = services.vtn.store;
        const extras = await store.unit((u) => u.collection<EventExtras>(OA3.eventExtras).get(rec.eventId), { label: 'oa3 event extras' });
        const programID = extras?.programID ?? programIdOfMarketContext(services, rec.marketContext) ?? unknownProgramId(rec.marketContext);
        const announce = change.kind !== 'removed' || rec.cancelledAt === undefined;
        if (announce) feed.publish({ objectType: 'EVENT', operation: OPERATION[change.kind], object: eventFromCore(rec, programID, extras) as unknown as Record<string, unknown> });
        // The removal is queued with its targets: the extras may go now (extras-retention.ts spares them until then).
        if (change.kind === 'removed' && extras) await store.unit(async (u) => u.collection<EventExtras>(OA3.eventExtras).delete(rec.eventId), { label: 'oa3 extras of a removed event' });
      })
      .catch((err: unknown) => services.log.error({ err, eventId: change.event.eventId }, 'event change not published to subscriptions'));
  });
}
