// When each VEN last spoke: noted in memory on every proven message, written to the store in batches and at most
// once per two poll periods per VEN, so presence is shared by every instance without a write per poll (a VEN is
// online for three periods, so the stored time is never old enough to call a polling VEN offline).
import type { Store } from '../store/store.js';
import type { Logger } from './context.js';

export const PRESENCE = 'presence';

/** Poll periods between two stored presence times of one VEN: halves the presence writes (on files, the journal's
 *  main growth at 10,000 VENs polling every 10 s, so half the compactions) and stays inside the 3-period online window. */
export const PRESENCE_WRITE_PERIODS = 2;

/** VENs per presence unit: a flush of a whole fleet's second is several short units, so polls are not held behind one long one. */
export const PRESENCE_UNIT_VENS = 200;

export interface PresenceRecord {
  venId: string;
  lastSeenAt: string;
}

export class PresenceBook {
  readonly #store: Store;
  readonly #periodMs: number;
  readonly #log: Logger;
  /** Seen since the last flush. */
  readonly #seen = new Map<string, number>();
  /** Last time written to the store, per VEN (this instance). */
  readonly #written = new Map<string, number>();
  readonly #periods = new Map<string, number>();
  #timer: NodeJS.Timeout | undefined;
  #flushing: Promise<void> | undefined;

  constructor(store: Store, periodMs: number, log: Logger) {
    this.#store = store;
    this.#periodMs = periodMs;
    this.#log = log;
  }

  /** `periodMs`: the poll period granted to this VEN (the VTN default when it has none of its own). */
  note(venId: string, at: number, periodMs = this.#periodMs): void {
    this.#seen.set(venId, at);
    this.#periods.set(venId, periodMs);
    if (this.#fresh(venId, at)) return;
    // Batched: one unit for every VEN due, a second after the first of them spoke.
    this.#timer ??= setTimeout(() => { this.#timer = undefined; void this.flush(); }, 1000).unref();
  }

  /** Latest time this instance saw the VEN (the store has every instance's, at poll-period resolution). */
  lastSeen(venId: string): number | undefined {
    return this.#seen.get(venId) ?? this.#written.get(venId);
  }

  /** Writes every VEN due (seen, and not written within PRESENCE_WRITE_PERIODS poll periods); ends when the unit committed. */
  async flush(): Promise<void> {
    await this.#flushing;
    const due = [...this.#seen].filter(([venId, at]) => !this.#fresh(venId, at));
    if (due.length === 0 || !this.#store.isReady()) return;
    this.#flushing = this.#writeInUnits(due).finally(() => { this.#flushing = undefined; });
    await this.#flushing;
  }

  forget(venId: string): void {
    this.#seen.delete(venId);
    this.#written.delete(venId);
    this.#periods.delete(venId);
  }

  // True while the VEN's last write is younger than PRESENCE_WRITE_PERIODS of its poll periods (nothing to write yet).
  #fresh(venId: string, at: number): boolean {
    return (this.#written.get(venId) ?? Number.NEGATIVE_INFINITY) + PRESENCE_WRITE_PERIODS * (this.#periods.get(venId) ?? this.#periodMs) > at;
  }

  stop(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
  }

  async #writeInUnits(due: [string, number][]): Promise<void> {
    for (let i = 0; i < due.length; i += PRESENCE_UNIT_VENS) await this.#write(due.slice(i, i + PRESENCE_UNIT_VENS));
  }

  async #write(due: [string, number][]): Promise<void> {
    try {
      await this.#store.unit(async (u) => {
        // A VEN that left meanwhile gets no presence record back.
        const vens = await u.vens.getMany(due.map(([venId]) => venId));
        for (const [venId, at] of due) if (vens.has(venId)) u.collection<PresenceRecord>(PRESENCE).put(venId, { venId, lastSeenAt: new Date(at).toISOString() });
      }, { label: 'presence' });
      for (const [venId, at] of due) {
        this.#written.set(venId, at);
        if (this.#seen.get(venId) === at) this.#seen.delete(venId);
      }
    } catch (err) {
      this.#log.warn({ err: (err as Error).message, vens: due.length }, 'VEN presence not written; retried with the next poll');
    }
  }
}
