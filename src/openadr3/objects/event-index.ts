// The live core events a 3.1 client can read, in eventId order and by target, kept per instance until a commit
// writes an event or its 3.1 extras (modify, cancel, delete, retention; here or on another instance): a GET
// /events reads only the events its targets can match, with no store read.
import type { EventRecord } from '../../store/records.js';
import type { Store } from '../../store/store.js';
import { SERVABLE_ID, targetsOfEvent } from './event-from-core.js';
import type { EventExtras } from './event-request.js';
import { KeptUntilChange } from './kept-until-change.js';
import { OA3 } from './oa3-collections.js';

/** One readable event: the record and extras as stored (never mutated: the 3.1 form cached per record stays right). */
export interface IndexedEvent {
  rec: EventRecord;
  extras: EventExtras | undefined;
  /** The targets the served event carries (targetsOfEvent). */
  targets: readonly string[];
  /** Position in eventId order. */
  order: number;
}

export interface EventIndexSnapshot {
  /** Every live (not cancelled), servable event in eventId order. */
  all: readonly IndexedEvent[];
  /** Those without targets: every reader sees them. */
  untargeted: readonly IndexedEvent[];
  byTarget: ReadonlyMap<string, readonly IndexedEvent[]>;
}

/** Events read per unit of work while the index is built. */
const BUILD_PAGE = 500;

async function build(store: Store): Promise<EventIndexSnapshot> {
  const all: IndexedEvent[] = [];
  for (let after: string | undefined; ;) {
    const page = await store.unit(async (u) => {
      const rows = await u.events.list({ limit: BUILD_PAGE, ...(after !== undefined ? { after } : {}) });
      const live = rows.map((r) => r.value).filter((rec) => rec.cancelledAt === undefined && SERVABLE_ID.test(rec.eventId));
      const extras = await u.collection<EventExtras>(OA3.eventExtras).getMany(live.map((rec) => rec.eventId));
      return { size: rows.length, last: rows.at(-1)?.key, live: live.map((rec) => ({ rec, extras: extras.get(rec.eventId) })) };
    }, { label: 'oa3 event index' });
    for (const { rec, extras } of page.live) all.push({ rec, extras, targets: targetsOfEvent(rec, extras), order: all.length });
    if (page.size < BUILD_PAGE || page.last === undefined) break;
    after = page.last;
  }
  const untargeted: IndexedEvent[] = [];
  const byTarget = new Map<string, IndexedEvent[]>();
  for (const e of all) {
    if (e.targets.length === 0) untargeted.push(e);
    for (const t of new Set(e.targets)) {
      const list = byTarget.get(t);
      if (list) list.push(e);
      else byTarget.set(t, [e]);
    }
  }
  return { all, untargeted, byTarget };
}

export class EventIndex {
  readonly #kept: KeptUntilChange<EventIndexSnapshot>;

  constructor(store: Store) {
    this.#kept = new KeptUntilChange(store, ['events', OA3.eventExtras], build);
  }

  snapshot(): Promise<EventIndexSnapshot> {
    return this.#kept.get();
  }

  close(): void {
    this.#kept.close();
  }
}

/** The events a reader matching `targets` may see (undefined: all), in eventId order. */
export function eventsMatching(snapshot: EventIndexSnapshot, targets: ReadonlySet<string> | undefined): readonly IndexedEvent[] {
  if (targets === undefined) return snapshot.all;
  const picked = new Set(snapshot.untargeted);
  for (const t of targets) for (const e of snapshot.byTarget.get(t) ?? []) picked.add(e);
  return [...picked].sort((a, b) => a.order - b.order);
}
