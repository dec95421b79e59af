// Keeps each lane of the decision log (a trigger, or registration refusals) within its own count and byte budget
// without reading every key: a ledger in meta counts what was added since the last trim (walked in key order from
// where it stopped), per lane, and each lane's oldest go first — so one lane's flood never evicts another's.
import type { Repository, Unit } from '../../store/store.js';
import type { DecisionRecord } from './decision-log.js';

export const LEDGER_KEY = 'decisions.ledger';
const PAGE = 200;

interface Tally {
  count: number;
  bytes: number;
}

/** Totals of the records up to `through` (key order) that the trims have seen, overall and per lane. */
interface Ledger extends Tally {
  through: string;
  lanes: Record<string, Tally>;
}

export interface Bounds {
  maxCount: number;
  maxBytes: number;
}

export const recordBytes = (rec: DecisionRecord): number => Buffer.byteLength(JSON.stringify(rec));
/** Records written before lanes existed are in their trigger's lane. */
export const laneOf = (rec: Pick<DecisionRecord, 'trigger'> & { lane?: string }): string => rec.lane ?? rec.trigger;

const empty = (): Ledger => ({ through: '', count: 0, bytes: 0, lanes: {} });

async function readLedger(u: Unit): Promise<Ledger> {
  const v = await u.meta.get(LEDGER_KEY) as Partial<Ledger> | undefined;
  const lanes: Record<string, Tally> = {};
  for (const [lane, t] of Object.entries(v?.lanes ?? {})) lanes[lane] = { count: Number(t?.count) || 0, bytes: Number(t?.bytes) || 0 };
  return { through: typeof v?.through === 'string' ? v.through : '', count: Number(v?.count) || 0, bytes: Number(v?.bytes) || 0, lanes };
}

function tally(l: Ledger, rec: DecisionRecord, sign: 1 | -1): void {
  const bytes = recordBytes(rec) * sign;
  const lane = (l.lanes[laneOf(rec)] ??= { count: 0, bytes: 0 });
  lane.count += sign;
  lane.bytes += bytes;
  l.count += sign;
  l.bytes += bytes;
}

/** Adds the records after `from` to the totals. */
async function account(col: Repository<DecisionRecord>, from: Ledger): Promise<Ledger> {
  const l: Ledger = { ...from, lanes: { ...from.lanes } };
  for (;;) {
    const page = await col.list({ ...(l.through ? { after: l.through } : {}), limit: PAGE });
    for (const row of page) {
      tally(l, row.value, 1);
      l.through = row.key;
    }
    if (page.length < PAGE) return l;
  }
}

const over = (t: Tally, b: Bounds): boolean => t.count > b.maxCount || t.bytes > b.maxBytes;

/** About how many of the lane's oldest records must go (by count, or by bytes at the average size): one page's worth. */
function overBy(t: Tally, bounds: Bounds): number {
  const average = t.count ? t.bytes / t.count : 1;
  return Math.max(1, t.count - bounds.maxCount, Math.ceil((t.bytes - bounds.maxBytes) / average));
}

/** One trim, inside a unit: returns how many records were deleted. Another instance's trim at once re-runs it. */
export async function trimDecisions(u: Unit, col: Repository<DecisionRecord>, boundsOf: (lane: string) => Bounds): Promise<number> {
  let l = await account(col, await readLedger(u));
  // A record committed behind the ledger's cursor (a slow unit, another instance's clock) was never counted: recount.
  if (l.count !== await col.count()) l = await account(col, empty());
  let deleted = 0;
  for (const lane of Object.keys(l.lanes)) {
    const t = l.lanes[lane]!;
    const bounds = boundsOf(lane);
    while (over(t, bounds)) {
      // The lane index lists a lane's records in key (= time) order: its oldest first.
      const page = await col.find('lane', lane, { limit: Math.min(PAGE, overBy(t, bounds)) });
      if (page.length === 0) break;
      for (const rec of page) {
        if (!over(t, bounds)) break;
        col.delete(rec.id);
        tally(l, rec, -1);
        deleted += 1;
      }
    }
    if (t.count <= 0) delete l.lanes[lane];
  }
  u.meta.put(LEDGER_KEY, l.count === 0 ? empty() : l);
  return deleted;
}
