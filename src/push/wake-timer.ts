// Wakes VENs at given times (an event changing status with the clock, a claim expiring) with one timer for all:
// times are grouped, so 10,000 VENs waiting for the same event start cost one entry per distinct time.
import { realTimers, type TimerHandle, type Timers } from '../vtn/timers.js';

const MAX_DELAY_MS = 3_600_000;

export class WakeTimer {
  readonly #byTime = new Map<number, Set<string>>();
  readonly #timeOf = new Map<string, number>();
  #timer: TimerHandle | undefined;
  #timerAt = Infinity;
  readonly #now: () => number;
  readonly #wake: (venId: string) => void;
  readonly #timers: Timers;

  /** `now` and `timers` are the VTN's: a test's controlled clock drives both. */
  constructor(now: () => number, wake: (venId: string) => void, timers: Timers = realTimers) {
    this.#now = now;
    this.#wake = wake;
    this.#timers = timers;
  }

  /** Wake `venId` at `at` (ms); an earlier wish for the same VEN is replaced. */
  at(venId: string, at: number): void {
    this.cancel(venId);
    let set = this.#byTime.get(at);
    if (!set) this.#byTime.set(at, (set = new Set()));
    set.add(venId);
    this.#timeOf.set(venId, at);
    if (at < this.#timerAt) this.#arm(at);
  }

  cancel(venId: string): void {
    const at = this.#timeOf.get(venId);
    if (at === undefined) return;
    this.#timeOf.delete(venId);
    const set = this.#byTime.get(at);
    set?.delete(venId);
    if (set?.size === 0) this.#byTime.delete(at);
  }

  stop(): void {
    if (this.#timer !== undefined) this.#timers.clear(this.#timer);
    this.#timer = undefined;
    this.#timerAt = Infinity;
    this.#byTime.clear();
    this.#timeOf.clear();
  }

  #arm(at: number): void {
    if (this.#timer !== undefined) this.#timers.clear(this.#timer);
    this.#timerAt = at;
    const delay = Math.min(Math.max(at - this.#now(), 0), MAX_DELAY_MS);
    this.#timer = this.#timers.set(() => this.#fire(), delay);
  }

  #fire(): void {
    this.#timer = undefined;
    this.#timerAt = Infinity;
    const now = this.#now();
    for (const [at, set] of [...this.#byTime]) {
      if (at > now) continue;
      this.#byTime.delete(at);
      for (const venId of set) {
        this.#timeOf.delete(venId);
        this.#wake(venId);
      }
    }
    let next = Infinity;
    for (const at of this.#byTime.keys()) next = Math.min(next, at);
    if (next < Infinity) this.#arm(next);
  }
}
