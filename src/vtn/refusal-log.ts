// Identity refusals are what anyone with a certificate can cause at will: one warn line per kind a minute, the rest at debug.
import { LineBudget } from '../logging/line-budget.js';
import type { Logger } from './context.js';

export class RefusalLog {
  readonly #log: Logger;
  readonly #now: () => number;
  // Keyed by a fixed set of refusal kinds chosen by the code, never by attacker text, so it stays small.
  readonly #budgets = new Map<string, LineBudget>();

  constructor(log: Logger, now: () => Date) {
    this.#log = log;
    this.#now = () => now().getTime();
  }

  /** Logs at warn when `kind` had no warn line in the last minute (noting how many were held back), else at debug. */
  refuse(kind: string, fields: object, msg: string): void {
    let budget = this.#budgets.get(kind);
    if (!budget) this.#budgets.set(kind, (budget = new LineBudget(1, this.#now)));
    const line = budget.take();
    if (!line) return this.#log.debug({ ...fields, kind }, msg);
    this.#log.warn({ ...fields, kind, ...(line.suppressed ? { suppressed: line.suppressed } : {}) }, msg);
  }
}
