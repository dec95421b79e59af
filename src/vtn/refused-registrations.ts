// Refused registrations counted per name in a bounded table: a flood of refusals costs a counter, not a record each.
import { clipText } from '../clip-text.js';
import { LineBudget } from '../logging/line-budget.js';

/** Longest name kept; longer ones are cut and say how long they were. */
export const REFUSED_NAME_CHARS = 64;
const REASON_CHARS = 256;

export interface RefusalEntry {
  /** venName, else venID, else "(unnamed VEN)"; cut to REFUSED_NAME_CHARS. */
  name: string;
  count: number;
  firstSeen: string;
  lastSeen: string;
  lastCode: number;
  lastReason: string;
}

export class RefusedRegistrations {
  readonly #maxNames: number;
  readonly #now: () => Date;
  // Insertion order is recency order: a refusal moves its name to the end, eviction takes the first.
  readonly #byName = new Map<string, RefusalEntry>();
  readonly #byCode = new Map<number, number>();
  #total = 0;
  #evicted = 0;
  /** Warning lines about refused or unknown VENs share this budget. */
  readonly lines: LineBudget;

  constructor(opts: { maxNames: number; linesPerMinute: number; now: () => Date }) {
    this.#maxNames = opts.maxNames;
    this.#now = opts.now;
    this.lines = new LineBudget(opts.linesPerMinute, () => opts.now().getTime());
  }

  note(who: { venName?: string | undefined; venId?: string | undefined }, code: number, reason: string): RefusalEntry {
    const name = clipText(who.venName || who.venId || '(unnamed VEN)', REFUSED_NAME_CHARS);
    const at = this.#now().toISOString();
    const before = this.#byName.get(name);
    const entry: RefusalEntry = {
      name, count: (before?.count ?? 0) + 1, firstSeen: before?.firstSeen ?? at, lastSeen: at,
      lastCode: code, lastReason: clipText(reason, REASON_CHARS),
    };
    this.#byName.delete(name);
    this.#byName.set(name, entry);
    if (this.#byName.size > this.#maxNames) {
      this.#byName.delete(this.#byName.keys().next().value as string);
      this.#evicted += 1;
    }
    this.#total += 1;
    this.#byCode.set(code, (this.#byCode.get(code) ?? 0) + 1);
    return entry;
  }

  /** Most recently refused first. */
  list(limit = this.#maxNames): RefusalEntry[] {
    return [...this.#byName.values()].reverse().slice(0, limit);
  }

  get total(): number {
    return this.#total;
  }

  /** Names dropped from the table to keep it within its bound (their counts stay in total). */
  get evicted(): number {
    return this.#evicted;
  }

  get names(): number {
    return this.#byName.size;
  }

  get maxNames(): number {
    return this.#maxNames;
  }

  byCode(): ReadonlyMap<number, number> {
    return this.#byCode;
  }
}
