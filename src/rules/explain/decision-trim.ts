// Keeps the decision log within a count and a byte budget without reading every key: a ledger in meta counts
// what was added since the last trim (walked in key order from where it stopped), and the oldest go first.
import type { Repository, Unit } from '../../store/store.js';
import type { DecisionRecord } from './decision-log.js';

export const LEDGER_KEY = 'decisions.ledger';
const PAGE = 200;

/** Totals of the records up to `through` (key order) that the trims have seen. */
interface Ledger {
  through: string;
  count: number;
  bytes: number;
}

export interface Bounds {
  maxCount: number;
  maxBytes: number;
}

export const recordBytes = (rec: DecisionRecord): number => Buffer.byteLength(JSON.stringify(rec));

async function readLedger(u: Unit): Promise<Ledger> {
  const v = await u.meta.get(LEDGER_KEY) as Partial<Ledger> | undefined;
  return { through: typeof v?.through === 'string' ? v.through : '', count: Number(v?.count) || 0, bytes: Number(v?.bytes) || 0 };
}

/** Adds the records after `from` to the totals. */
async function account(col: Repository<DecisionRecord>, from: Ledger): Promise<Ledger> {
  const l = { ...from };
  for (;;) {
    const page = await col.list({ ...(l.through ? { after: l.through } : {}), limit: PAGE });
    for (const row of page) {
      l.count += 1;
      l.bytes += recordBytes(row.value);
      l.through = row.key;
    }
    if (page.length < PAGE) return l;
  }
}

/** About how many of the oldest records must go (by count, or by bytes at the average size): one page's worth. */
function overBy(l: Ledger, bounds: Bounds): number {
  const average = l.count ? l.bytes / l.count : 1;
  return Math.max(1, l.count - bounds.maxCount, Math.ceil((l.bytes - bounds.maxBytes) / average));
}

/** One trim, inside a unit: returns how many records were deleted. Another instance's trim at once re-runs it. */
export async function trimDecisions(u: Unit, col: Repository<DecisionRecord>, bounds: Bounds): Promise<number> {
  let l = await account(col, await readLedger(u));
  // A record committed behind the ledger's cursor (a slow unit, another instance's clock) was never counted: recount.
  if (l.count !== await col.count()) l = await account(col, { through: '', count: 0, bytes: 0 });
  let deleted = 0;
  let after: string | undefined;
  while (l.count > bounds.maxCount || l.bytes > bounds.maxBytes) {
    const page = await col.list({ ...(after ? { after } : {}), limit: Math.min(PAGE, overBy(l, bounds)) });
    if (page.length === 0) break;
    for (const row of page) {
      if (l.count <= bounds.maxCount && l.bytes <= bounds.maxBytes) break;
      col.delete(row.key);
      l.count -= 1;
      l.bytes -= recordBytes(row.value);
      deleted += 1;
      after = row.key;
    }
  }
  if (l.count === 0) l = { through: '', count: 0, bytes: 0 };
  u.meta.put(LEDGER_KEY, l);
  return deleted;
}
