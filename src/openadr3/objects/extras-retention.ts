// What only a 3.1 event says (oa3EventExtras) leaves with the event: the subscription bridge deletes an archived
// event's extras once it has announced the removal (it needs their targets for privacy); after this instance's
// archive writes, extras of events gone for longer than a grace (the bridge failed, the instance died) go too.
// Only the instance that archived runs it, once per burst of archive writes.
import type { Logger } from '../../vtn/context.js';
import { EVENT_ARCHIVE, type ArchivedEvent } from '../../vtn/event-archive.js';
import type { Store } from '../../store/store.js';
import type { EventExtras } from './event-request.js';
import { OA3 } from './oa3-collections.js';

/** Extras read (and their events looked up) per unit of work. */
const PAGE = 500;
/** An event archived this recently still has its removal to be announced, which reads its extras. */
export const ANNOUNCE_GRACE_MS = 60_000;

/** Deletes the extras of events no longer in the live set (and not archived within the grace); returns how many. */
export async function dropOrphanExtras(store: Store, now: () => Date): Promise<number> {
  let dropped = 0;
  const graceStart = new Date(now().getTime() - ANNOUNCE_GRACE_MS).toISOString();
  for (let after: string | undefined; ;) {
    const page = await store.unit(async (u) => {
      const extras = u.collection<EventExtras>(OA3.eventExtras);
      const rows = await extras.list({ limit: PAGE, ...(after !== undefined ? { after } : {}) });
      const live = await u.events.getMany(rows.map((r) => r.key));
      const notLive = rows.filter((r) => !live.has(r.key));
      const archived = await u.collection<ArchivedEvent>(EVENT_ARCHIVE).getMany(notLive.map((r) => r.key));
      const gone = notLive.filter((r) => (archived.get(r.key)?.archivedAt ?? '') < graceStart);
      for (const r of gone) extras.delete(r.key);
      return { size: rows.length, last: rows.at(-1)?.key, gone: gone.length };
    }, { label: 'oa3 extras retention' });
    dropped += page.gone;
    if (page.size < PAGE || page.last === undefined) return dropped;
    after = page.last;
  }
}

/** Runs dropOrphanExtras after each local archive write (again once if more came meanwhile); returns the unsubscribe. */
export function dropExtrasAfterArchive(store: Store, log: Logger, now: () => Date): () => void {
  let running = false;
  let again = false;
  const run = async (): Promise<void> => {
    running = true;
    try {
      do {
        again = false;
        const dropped = await dropOrphanExtras(store, now);
        if (dropped > 0) log.info({ dropped }, 'retention: 3.1 extras of archived events removed');
      } while (again);
    } catch (err) {
      log.error({ err }, '3.1 extras of archived events not removed; the next archive tries again');
    } finally {
      running = false;
    }
  };
  return store.onChange((notice) => {
    if (notice.origin !== 'local' || !notice.collections.includes(EVENT_ARCHIVE)) return;
    if (running) again = true;
    else void run();
  });
}
