// Every decision the policy takes, with its trace and policy version, kept in a store collection bounded by
// count and bytes. Ids sort by time across instances, so trimming and listing walk the keys in order.
import type { Repository, Store, Unit } from '../../store/store.js';
import type { Evaluation } from '../engine/evaluate.js';
import { clipText } from '../../clip-text.js';
import { LineBudget } from '../../logging/line-budget.js';
import { silentLogger, type Logger } from '../../vtn/context.js';
import { DecisionIds, floorKey } from './decision-ids.js';
import { recordBytes, trimDecisions, type Bounds } from './decision-trim.js';

export const DECISIONS_COLLECTION = 'decisions';
export const DEFAULT_MAX_DECISIONS = 1000;
export const DEFAULT_MAX_DECISION_BYTES = 4 * 1024 * 1024;
/** Refused registrations are a lane of their own with a smaller budget: anyone can cause them. */
export const REFUSAL_LANE = 'refusal';
export const DEFAULT_MAX_REFUSAL_DECISIONS = 200;
const MAX_REFUSAL_BYTES = 1024 * 1024;

export interface DecisionRecord extends Evaluation {
  id: string;
  /** Who the decision was about (venId, or venName while registering). */
  subject: string;
  /** Whose budget it counts in: its trigger, or "refusal" for a refused registration (absent in older records: the trigger). */
  lane?: string;
  /** What was done with the decisions (e.g. "accepted as ven-1", "created event e-1", "skipped: already open"). */
  outcomes: string[];
}

const MAX_FACT_LIST = 20;
/** Longest string a record keeps (fact values, trace values, outcomes): a 900 KB venName is stored cut. */
const MAX_STRING = 256;
const MINUTE = 60_000;

export interface DecisionLogOptions {
  /** Decisions kept per trigger; default 1000. */
  maxCount?: number;
  /** Bytes of JSON kept per trigger; default 4 MiB. */
  maxBytes?: number;
  /** Refused registrations kept (their own lane, bytes at most min(maxBytes, 1 MiB)); default 200. */
  refusalMaxCount?: number;
  /** Refused registrations stored per minute; the rest are only counted (refusal table). Default 10. */
  refusalsPerMinute?: number;
  now?: () => number;
  log?: Logger;
}

// Keeps records small: long value lists are cut (the trace keeps what the conditions read).
function compactFacts(facts: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(facts)) out[k] = Array.isArray(v) && v.length > MAX_FACT_LIST ? [...v.slice(0, MAX_FACT_LIST), `… ${v.length - MAX_FACT_LIST} more`] : v;
  return out;
}

const decisions = (u: Unit): Repository<DecisionRecord> => u.collection<DecisionRecord>(DECISIONS_COLLECTION);

export class DecisionLog {
  readonly #store: Store;
  readonly #bounds: Bounds;
  readonly #refusalBounds: Bounds;
  readonly #ids = new DecisionIds();
  readonly #refusals: LineBudget;
  readonly #now: () => number;
  readonly #log: Logger;
  /** Added since this process last trimmed, per lane: a trim runs once a tenth of a lane's budget has been added. */
  #sinceTrim = new Map<string, { count: number; bytes: number }>();
  #trimming: Promise<number> | undefined;

  constructor(store: Store, opts: DecisionLogOptions = {}) {
    this.#store = store;
    this.#bounds = { maxCount: Math.max(1, opts.maxCount ?? DEFAULT_MAX_DECISIONS), maxBytes: Math.max(1, opts.maxBytes ?? DEFAULT_MAX_DECISION_BYTES) };
    this.#refusalBounds = { maxCount: Math.max(1, opts.refusalMaxCount ?? DEFAULT_MAX_REFUSAL_DECISIONS), maxBytes: Math.min(this.#bounds.maxBytes, MAX_REFUSAL_BYTES) };
    this.#now = opts.now ?? Date.now;
    this.#refusals = new LineBudget(opts.refusalsPerMinute ?? 10, this.#now);
    this.#log = opts.log ?? silentLogger;
  }

  /** The budget of each trigger's decisions. */
  get bounds(): Bounds {
    return { ...this.#bounds };
  }

  boundsOf(lane: string): Bounds {
    return { ...(lane === REFUSAL_LANE ? this.#refusalBounds : this.#bounds) };
  }

  /** A refused registration: stored while the per-minute budget lasts (anyone can send them), else undefined. */
  async recordRefusal(evaluation: Evaluation, subject: string, outcomes: string[]): Promise<DecisionRecord | undefined> {
    return this.#refusals.take() ? this.record(evaluation, subject, outcomes, REFUSAL_LANE) : undefined;
  }

  /** Stores the evaluation (committed when this resolves); the oldest records go once a budget is exceeded. */
  async record(evaluation: Evaluation, subject: string, outcomes: string[], lane: string = evaluation.trigger): Promise<DecisionRecord> {
    const t = Date.parse(evaluation.at);
    // JSON round trip: records are plain JSON (no Dates, no undefined) like every stored record; long strings cut.
    const plain = { ...evaluation, facts: compactFacts(evaluation.facts), subject: clipText(subject), outcomes, lane };
    const body = JSON.parse(JSON.stringify(plain, (_k, v: unknown) => (typeof v === 'string' ? clipText(v, MAX_STRING) : v))) as Omit<DecisionRecord, 'id'>;
    // The id is drawn inside the unit: a re-run (a clash on create) takes a fresh one.
    const rec = await this.#store.unit(async (u) => {
      const r = { id: this.#ids.next(Number.isNaN(t) ? this.#now() : t), ...body } as DecisionRecord;
      decisions(u).create(r.id, r);
      return r;
    }, { label: 'decision record' });
    const added = this.#sinceTrim.get(lane) ?? { count: 0, bytes: 0 };
    added.count += 1;
    added.bytes += recordBytes(rec);
    this.#sinceTrim.set(lane, added);
    const b = this.boundsOf(lane);
    if (added.count * 10 >= b.maxCount || added.bytes * 10 >= b.maxBytes) await this.#trimSoon();
    return rec;
  }

  get(id: string): Promise<DecisionRecord | undefined> {
    return this.#store.unit((u) => decisions(u).get(id), { label: 'decision read' });
  }

  /** Newest first: reads back from now in growing time windows, never the whole log unless it is that small. */
  async list(limit = 50): Promise<DecisionRecord[]> {
    return newestDecisions(this.#store, limit, this.#now());
  }

  /** Trim now (tests, shutdown); one trim at a time per process. Resolves to the number of records deleted. */
  trim(): Promise<number> {
    this.#trimming ??= this.#store.unit((u) => trimDecisions(u, decisions(u), (lane) => this.boundsOf(lane)), { label: 'decision trim' })
      .finally(() => { this.#trimming = undefined; });
    this.#sinceTrim.clear();
    return this.#trimming;
  }

  async #trimSoon(): Promise<void> {
    if (this.#trimming) return;
    await this.trim().catch((err: unknown) => this.#log.error({ err }, 'the decision log could not be trimmed; it is trimmed again after the next records'));
  }
}

/** The `limit` newest decisions, newest first (time-ordered keys: windows back from `nowMs`, widened 4× a step). */
export async function newestDecisions(store: Store, limit: number, nowMs: number): Promise<DecisionRecord[]> {
  if (limit <= 0) return [];
  const rows = await store.unit(async (u) => {
    const col = decisions(u);
    if (await col.count() <= limit * 2) return col.list();
    const oldest = (await col.list({ limit: 1 }))[0]?.key ?? '';
    for (let span = MINUTE; ; span *= 4) {
      const from = floorKey(nowMs - span);
      if (from <= oldest) return col.list();
      const found = await col.list({ after: from });
      if (found.length >= limit) return found;
    }
  }, { label: 'decision list' });
  return rows.slice(-limit).reverse().map((r) => r.value);
}
