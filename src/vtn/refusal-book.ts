// Refused registrations as this instance sees them: counted in memory, written to the store's refusal table at
// most once per name per flush interval (a flood costs a counter, not a write each), logged through RefusalLines.
import { clipText } from '../clip-text.js';
import { LineBudget } from '../logging/line-budget.js';
import type { Store } from '../store/store.js';
import type { Logger } from './context.js';
import { RefusalLines } from './refusal-lines.js';
import { countLost, refusalKey, writeRefusals, type RefusalDelta, type RefusalTotals } from './refusal-records.js';

/** Longest name kept; longer ones are cut and say how long they were. */
export const REFUSED_NAME_CHARS = 64;
const REASON_CHARS = 256;

export interface RefusalBookOptions {
  maxNames: number;
  flushMs: number;
  summaryMs: number;
  linesPerMinute: number;
  now: () => Date;
  log: Logger;
}

export interface RefusedWho {
  venName?: string | undefined;
  venId?: string | undefined;
  fingerprint?: string | undefined;
}

const noLoss = (): RefusalTotals => ({ total: 0, evicted: 0, byCode: {} });
const sumCodes = (a: Record<string, number>, b: Record<string, number>): Record<string, number> => {
  const out = { ...a };
  for (const [code, n] of Object.entries(b)) out[code] = (out[code] ?? 0) + n;
  return out;
};

export class RefusalBook {
  /** Warning lines about refused or unknown VENs share this budget. */
  readonly lines: LineBudget;
  readonly #store: Store;
  readonly #o: RefusalBookOptions;
  readonly #log: RefusalLines;
  // Not yet written; insertion order is recency order, so the least recently refused is dropped first.
  #pending = new Map<string, RefusalDelta>();
  #lost = noLoss();
  #total = 0;
  readonly #byCode = new Map<number, number>();
  #timer: NodeJS.Timeout | undefined;
  #flushing: Promise<void> | undefined;

  constructor(store: Store, o: RefusalBookOptions) {
    this.#store = store;
    this.#o = o;
    this.lines = new LineBudget(o.linesPerMinute, () => o.now().getTime());
    this.#log = new RefusalLines({ log: o.log, budget: this.lines, summaryMs: o.summaryMs, maxNames: o.maxNames, now: () => o.now().getTime() });
  }

  get maxNames(): number {
    return this.#o.maxNames;
  }

  note(who: RefusedWho, code: number, reason: string): void {
    const name = clipText(who.venName || who.venId || '(unnamed VEN)', REFUSED_NAME_CHARS);
    const fingerprint = who.fingerprint ? clipText(who.fingerprint, REFUSED_NAME_CHARS) : undefined;
    const venId = who.venId ? clipText(who.venId, REFUSED_NAME_CHARS) : undefined;
    const key = refusalKey(name, fingerprint);
    const at = this.#o.now().toISOString();
    const lastReason = clipText(reason, REASON_CHARS);
    const was = this.#pending.get(key);
    this.#pending.delete(key);
    this.#pending.set(key, {
      name, ...(venId ? { venId } : {}), ...(fingerprint ? { fingerprint } : {}),
      count: (was?.count ?? 0) + 1, firstSeen: was?.firstSeen ?? at, lastSeen: at, lastCode: code, lastReason,
      codes: sumCodes(was?.codes ?? {}, { [code]: 1 }),
    });
    this.#bound();
    this.#total += 1;
    this.#byCode.set(code, (this.#byCode.get(code) ?? 0) + 1);
    this.#log.note(key, { venName: name, ...(venId ? { venId } : {}), ...(fingerprint ? { fingerprint } : {}), code, reason: lastReason });
    this.#timer ??= setTimeout(() => { this.#timer = undefined; void this.flush(); }, this.#o.flushMs).unref();
  }

  /** Writes what was gathered since the last write, in one unit; a failed write is kept for the next. */
  async flush(): Promise<void> {
    while (this.#flushing) await this.#flushing;
    if (this.#pending.size === 0 && this.#lost.total === 0) return;
    const batch = this.#pending;
    const lost = this.#lost;
    this.#pending = new Map();
    this.#lost = noLoss();
    this.#flushing = this.#store.unit((u) => writeRefusals(u, batch, lost, this.#o.maxNames), { label: 'refusal table write' })
      .catch((err: unknown) => {
        this.#o.log.error({ err, records: batch.size }, 'the refused-registration table could not be written; it is tried again with the next refusals');
        this.#absorb(batch, lost);
      })
      .finally(() => { this.#flushing = undefined; });
    await this.#flushing;
  }

  // A batch that could not be written goes back in front of what came since (its refusals are older).
  #absorb(batch: Map<string, RefusalDelta>, lost: RefusalTotals): void {
    for (const [key, d] of this.#pending) {
      const old = batch.get(key);
      batch.delete(key);
      batch.set(key, old ? { ...d, count: old.count + d.count, firstSeen: old.firstSeen, codes: sumCodes(old.codes, d.codes) } : d);
    }
    this.#pending = batch;
    this.#lost = { total: lost.total + this.#lost.total, evicted: lost.evicted + this.#lost.evicted, byCode: sumCodes(lost.byCode, this.#lost.byCode) };
    this.#bound();
  }

  #bound(): void {
    while (this.#pending.size > this.#o.maxNames) {
      const oldest = this.#pending.keys().next().value as string;
      countLost(this.#lost, this.#pending.get(oldest)!);
      this.#pending.delete(oldest);
    }
  }

  stop(): void {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = undefined;
  }

  /** Refusals this instance counted since it started (the store's totals count every instance's). */
  get total(): number {
    return this.#total;
  }

  byCode(): ReadonlyMap<number, number> {
    return this.#byCode;
  }
}
