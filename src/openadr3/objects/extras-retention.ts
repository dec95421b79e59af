// What only a 3.1 event says (oa3EventExtras) leaves with the event: once this instance's retention has archived
// events (its own eventArchive write), the extras whose core event is gone are deleted. Only the instance that
// archived runs it, once per burst of archive writes.
import type { Logger } from '../../vtn/context.js';
import { EVENT_ARCHIVE } from '../../vtn/event-archive.js';
import type { Store } from '../../store/store.js';
import type { EventExtras } from './event-request.js';
import { OA3 } from './oa3-collections.js';

/** Extras read (and their events looked up) per unit of work. */
const PAGE = 500;

/** Deletes the extras of events no longer in the live set; returns how many. */
export async function dropOrphanExtras(store: Store): Promise<number> {
  let dropped = 0;
  for (let after: string | undefined; ;) {
    const page = await store.unit(async (u) => {
      const extras = u.collection<EventExtras>(OA3.eventExtras);
      const rows = await extras.list({ limit: PAGE, ...(after !== undefined ? { after } : {}) });
      const live = await u.events.getMany(rows.map((r) => r.key));
      const gone = rows.filter((r) => !live.has(r.key));
      for (const r of gone) extras.delete(r.key);
      return { size: rows.length, last: rows.at(-1)?.key, gone: gone.length };
    }, { label: 'oa3 extras retention' });
    dropped += page.gone;
    if (page.size < PAGE || page.last === undefined) return dropped;
    after = page.last;
  }
}

/** Runs dropOrphanExtras after each local archive write (again once if more came meanwhile); returns the unsubscribe. */
export function dropExtrasAfterArchive(store: Store, log: Logger): () => void {
  let running = false;
  let again = false;
  const run = async (): Promise<void> => {
    running = true;
    try {
      do {
        again = false;
        const dropped = await dropOrphanExtras(store);
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
