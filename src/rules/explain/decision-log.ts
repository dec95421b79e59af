// Every decision the policy takes, with its trace and policy version, kept in a bounded store collection.
import type { Collection, Store } from '../../store/store.js';
import type { Evaluation } from '../engine/evaluate.js';
import { clipText } from '../../clip-text.js';
import { LineBudget } from '../../logging/line-budget.js';

export const DECISIONS_COLLECTION = 'decisions';

export interface DecisionRecord extends Evaluation {
  id: string;
  /** Who the decision was about (venId, or venName while registering). */
  subject: string;
  /** What was done with the decisions (e.g. "accepted as ven-1", "created event e-1", "skipped: already open"). */
  outcomes: string[];
}

const MAX_FACT_LIST = 20;
/** Longest string a record keeps (fact values, trace values, outcomes): a 900 KB venName is stored cut. */
const MAX_STRING = 256;

export interface DecisionLogOptions {
  /** Refused registrations stored per minute; the rest are only counted (refusal table). Default 10. */
  refusalsPerMinute?: number;
  now?: () => number;
}

// Keeps records small: long value lists are cut (the trace keeps what the conditions read).
function compactFacts(facts: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(facts)) out[k] = Array.isArray(v) && v.length > MAX_FACT_LIST ? [...v.slice(0, MAX_FACT_LIST), `… ${v.length - MAX_FACT_LIST} more`] : v;
  return out;
}

export class DecisionLog {
  readonly #col: Collection<DecisionRecord>;
  readonly #max: number;
  #seq = 0;

  readonly #refusals: LineBudget;

  constructor(store: Store, max = 1000, opts: DecisionLogOptions = {}) {
    this.#col = store.collection<DecisionRecord>(DECISIONS_COLLECTION);
    this.#max = max;
    this.#refusals = new LineBudget(opts.refusalsPerMinute ?? 10, opts.now);
  }

  /** A refused registration: stored while the per-minute budget lasts (anyone can send them), else undefined. */
  recordRefusal(evaluation: Evaluation, subject: string, outcomes: string[]): DecisionRecord | undefined {
    return this.#refusals.take() ? this.record(evaluation, subject, outcomes) : undefined;
  }

  /** Stores the evaluation; ids sort by time so the oldest are dropped first. */
  record(evaluation: Evaluation, subject: string, outcomes: string[]): DecisionRecord {
    const t = Date.parse(evaluation.at);
    const id = `d-${t.toString(36).padStart(9, '0')}-${(this.#seq++ % 1_679_616).toString(36).padStart(4, '0')}`;
    // JSON round trip: records are plain JSON (no Dates, no undefined) like every stored record; long strings cut.
    const plain = { ...evaluation, facts: compactFacts(evaluation.facts), id, subject: clipText(subject), outcomes };
    const rec = JSON.parse(JSON.stringify(plain, (_k, v: unknown) => (typeof v === 'string' ? clipText(v, MAX_STRING) : v))) as DecisionRecord;
    this.#col.put(id, rec);
    this.#trim();
    return rec;
  }

  get(id: string): DecisionRecord | undefined {
    return this.#col.get(id);
  }

  /** Newest first. */
  list(limit = 50): DecisionRecord[] {
    return [...this.#col.keys()].sort().reverse().slice(0, limit).map((k) => this.#col.get(k)!).filter(Boolean);
  }

  #trim(): void {
    // Trim in batches so a busy VTN does not sort the keys on every decision.
    if (this.#col.size <= this.#max + Math.ceil(this.#max / 10)) return;
    const keys = [...this.#col.keys()].sort();
    for (const k of keys.slice(0, keys.length - this.#max)) this.#col.delete(k);
  }
}
