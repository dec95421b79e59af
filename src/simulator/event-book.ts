// What one simulated VEN knows about its events: which answers are owed and when it should shed load.
import type { EventResponse, OadrEvent, OptType } from '../oadr/model.js';

interface KnownEvent {
  modificationNumber: number;
  dtstart: number;
  /** 0 = open-ended. */
  durationMs: number;
  cancelled: boolean;
  testEvent: boolean;
  optType: OptType;
}

export interface BookUpdate {
  /** Answers owed: events with responseRequired always at a modification number not answered yet. */
  responses: Omit<EventResponse, 'requestId'>[];
  /** Event versions not seen before (new events and new modification numbers). */
  newVersions: number;
  optIns: number;
  optOuts: number;
}

export class EventBook {
  readonly #events = new Map<string, KnownEvent>();
  readonly #decide: () => OptType;

  /** `decide` is asked once per event; modifications keep the first answer. */
  constructor(decide: () => OptType) {
    this.#decide = decide;
  }

  /** Applies a distribute: it lists every event the VEN should know, so absent ones are forgotten. */
  apply(events: readonly OadrEvent[]): BookUpdate {
    const update: BookUpdate = { responses: [], newVersions: 0, optIns: 0, optOuts: 0 };
    const listed = new Set<string>();
    for (const ev of events) {
      const { eventId, modificationNumber } = ev.descriptor;
      listed.add(eventId);
      const known = this.#events.get(eventId);
      if (known && known.modificationNumber === modificationNumber) continue;
      const optType = known?.optType ?? this.#decide();
      this.#events.set(eventId, {
        modificationNumber,
        dtstart: ev.activePeriod.dtstart.getTime(),
        durationMs: ev.activePeriod.duration,
        cancelled: ev.descriptor.eventStatus === 'cancelled',
        testEvent: ev.descriptor.testEvent === true,
        optType,
      });
      update.newVersions++;
      if (ev.responseRequired !== 'always') continue;
      update.responses.push({ responseCode: 200, eventId, modificationNumber, optType });
      if (optType === 'optIn') update.optIns++;
      else update.optOuts++;
    }
    for (const id of [...this.#events.keys()]) if (!listed.has(id)) this.#events.delete(id);
    return update;
  }

  /** True while an opted-in, real (not test), not cancelled event is in its active period. */
  curtailing(at: Date): boolean {
    const t = at.getTime();
    for (const ev of this.#events.values()) {
      if (ev.optType !== 'optIn' || ev.cancelled || ev.testEvent) continue;
      if (t >= ev.dtstart && (ev.durationMs === 0 || t < ev.dtstart + ev.durationMs)) return true;
    }
    return false;
  }

  get size(): number {
    return this.#events.size;
  }
}
