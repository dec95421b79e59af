// Identity refusals are what strangers can cause at will: one warn line per kind per minute, the rest at debug.
import type { Logger } from './context.js';

const WINDOW_MS = 60_000;

interface Window {
  startedAt: number;
  suppressed: number;
}

export class RefusalLog {
  readonly #log: Logger;
  readonly #now: () => Date;
  // Keyed by a fixed set of refusal kinds chosen by the code, never by attacker text, so it stays small.
  readonly #windows = new Map<string, Window>();

  constructor(log: Logger, now: () => Date) {
    this.#log = log;
    this.#now = now;
  }

  /** Logs at warn when `kind` had no warn line in the last minute (with how many were held back), else at debug. */
  refuse(kind: string, fields: object, msg: string): void {
    const t = this.#now().getTime();
    const w = this.#windows.get(kind);
    if (w && t - w.startedAt < WINDOW_MS && t >= w.startedAt) {
      w.suppressed++;
      this.#log.debug({ ...fields, kind }, msg);
      return;
    }
    this.#windows.set(kind, { startedAt: t, suppressed: 0 });
    this.#log.warn({ ...fields, kind, ...(w?.suppressed ? { suppressedLastMinute: w.suppressed } : {}) }, msg);
  }
}
