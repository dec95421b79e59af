// Log lines about refused registrations: a name's first refusal, then at most one summary per name per interval
// with its count. Every line also takes from the shared per-minute budget, so cycling names cannot grow the log.
import type { LineBudget } from '../logging/line-budget.js';
import type { Logger } from './context.js';

export interface RefusalLine {
  venName: string;
  venId?: string;
  fingerprint?: string;
  code: number;
  reason: string;
}

interface Seen {
  lineAt: number;
  /** Refusals since the name's last line. */
  held: number;
}

export class RefusalLines {
  // Keyed by what a VEN sends: bounded like the refusal table, least recently refused forgotten first.
  readonly #seen = new Map<string, Seen>();

  constructor(private readonly opts: { log: Logger; budget: LineBudget; summaryMs: number; maxNames: number; now: () => number }) {}

  note(key: string, line: RefusalLine): void {
    const t = this.opts.now();
    const seen = this.#seen.get(key);
    this.#seen.delete(key);
    if (!seen) {
      this.#remember(key, { lineAt: t, held: this.#write(line, 'registration refused') ? 0 : 1 });
      return;
    }
    seen.held += 1;
    if (t - seen.lineAt >= this.opts.summaryMs && this.#write({ ...line, refusals: seen.held, since: new Date(seen.lineAt).toISOString() }, `registration refused ${seen.held} times since the last line`)) {
      seen.lineAt = t;
      seen.held = 0;
    }
    this.#remember(key, seen);
  }

  #remember(key: string, seen: Seen): void {
    this.#seen.set(key, seen);
    if (this.#seen.size > this.opts.maxNames) this.#seen.delete(this.#seen.keys().next().value as string);
  }

  #write(fields: object, msg: string): boolean {
    const budget = this.opts.budget.take();
    if (!budget) return false;
    const note = budget.suppressed ? ` (${budget.suppressed} similar lines suppressed)` : '';
    this.opts.log.warn({ ...fields, ...(budget.suppressed ? { suppressed: budget.suppressed } : {}) }, `${msg}${note}`);
    return true;
  }
}
