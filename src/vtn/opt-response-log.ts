// Accepted opt responses in the log: one debug line per message, and at info one summary per interval of what
// was recorded, event by event. A fan-out's 10,000 acknowledgements were 10,000 info lines (and ~3 % of the
// VTN's CPU over the fan-out); the admin API keeps every VEN's answer (GET /admin/v1/events/{eventId}/vens).
import type { OptType } from '../oadr/model.js';
import type { Logger } from './context.js';

export const OPT_SUMMARY_MS = 10_000;
// The events a summary line names, those with the most responses first; the totals count them all.
const EVENTS_PER_LINE = 20;

export interface OptResponse {
  eventId: string;
  optType: OptType;
  modificationNumber: number;
}

interface Tally {
  optIn: number;
  optOut: number;
}

export class OptResponseLog {
  readonly #log: Logger;
  readonly #everyMs: number;
  #tallies = new Map<string, Tally>();
  #since = 0;
  #timer: ReturnType<typeof setTimeout> | undefined;

  constructor(log: Logger, o: { everyMs?: number } = {}) {
    this.#log = log;
    this.#everyMs = o.everyMs ?? OPT_SUMMARY_MS;
  }

  /** One VEN's accepted responses (one message); `via` names a path other than oadrCreatedEvent. */
  record(venId: string, responses: readonly OptResponse[], via?: string): void {
    if (responses.length === 0) return;
    this.#log.debug({ venId, responses, ...(via ? { via } : {}) }, 'opt responses recorded');
    if (this.#tallies.size === 0) {
      this.#since = Date.now();
      this.#timer = setTimeout(() => this.flush(), this.#everyMs);
      this.#timer.unref?.();
    }
    for (const r of responses) {
      let t = this.#tallies.get(r.eventId);
      if (!t) this.#tallies.set(r.eventId, (t = { optIn: 0, optOut: 0 }));
      t[r.optType === 'optOut' ? 'optOut' : 'optIn'] += 1;
    }
  }

  /** The summary of what was recorded since the last one (nothing when nothing was). */
  flush(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    if (this.#tallies.size === 0) return;
    const all = [...this.#tallies].map(([eventId, t]) => ({ eventId, ...t }));
    this.#tallies = new Map();
    all.sort((a, b) => b.optIn + b.optOut - (a.optIn + a.optOut));
    const optIn = all.reduce((n, e) => n + e.optIn, 0);
    const optOut = all.reduce((n, e) => n + e.optOut, 0);
    const seconds = Math.round((Date.now() - this.#since) / 100) / 10;
    this.#log.info({ optIn, optOut, eventCount: all.length, events: all.slice(0, EVENTS_PER_LINE), seconds },
      `opt responses recorded: ${optIn} optIn, ${optOut} optOut for ${all.length} event${all.length === 1 ? '' : 's'} in ${seconds} s (each VEN's answer: GET /admin/v1/events/{eventId}/vens)`);
  }
}
