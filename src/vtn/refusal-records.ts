// Refused registrations in the store, one record per venName (else venID) and certificate fingerprint, with
// fleet-wide totals: several instances and restarts see one table, kept within limits.refusedNames.
import type { Unit } from '../store/store.js';

export const REFUSALS = 'refusals';
export const REFUSAL_TOTALS_KEY = 'refusals.totals';

export interface RefusalRecord {
  /** venName, else venID, else "(unnamed VEN)"; cut to REFUSED_NAME_CHARS. */
  name: string;
  /** The venID the registration named, when it named one. */
  venId?: string;
  /** The client-certificate (or signing-certificate) fingerprint it came with, when known. */
  fingerprint?: string;
  count: number;
  firstSeen: string;
  lastSeen: string;
  lastCode: number;
  lastReason: string;
}

/** What one instance gathered for a record since its last write: the record's fields plus refusals per code. */
export interface RefusalDelta extends RefusalRecord {
  codes: Record<string, number>;
}

export interface RefusalTotals {
  total: number;
  /** Records dropped to stay within the bound (their refusals stay in total). */
  evicted: number;
  byCode: Record<string, number>;
}

export const refusalKey = (name: string, fingerprint: string | undefined): string => `${name}\u0000${fingerprint ?? ''}`;
export const keyOfRefusal = (r: RefusalRecord): string => refusalKey(r.name, r.fingerprint);

export async function readRefusalTotals(u: Unit): Promise<RefusalTotals> {
  const v = await u.meta.get(REFUSAL_TOTALS_KEY) as Partial<RefusalTotals> | undefined;
  return { total: Number(v?.total) || 0, evicted: Number(v?.evicted) || 0, byCode: { ...(v?.byCode ?? {}) } };
}

function merged(was: RefusalRecord | undefined, d: RefusalDelta): RefusalRecord {
  const { codes: _codes, ...fresh } = d;
  if (!was) return fresh;
  // Another instance may have written a later refusal meanwhile: the latest attempt's code and reason win.
  const later = was.lastSeen > d.lastSeen ? was : fresh;
  return {
    ...fresh, count: was.count + d.count, firstSeen: was.firstSeen < d.firstSeen ? was.firstSeen : d.firstSeen,
    lastSeen: later.lastSeen, lastCode: later.lastCode, lastReason: later.lastReason,
    ...(fresh.venId ?? was.venId ? { venId: fresh.venId ?? was.venId } : {}),
  };
}

const addCodes = (into: Record<string, number>, codes: Record<string, number>): void => {
  for (const [code, n] of Object.entries(codes)) into[code] = (into[code] ?? 0) + n;
};

/** Counts a delta that never reached the store (dropped to keep the instance's buffer bounded) into `lost`. */
export function countLost(lost: RefusalTotals, d: RefusalDelta): void {
  lost.total += d.count;
  lost.evicted += 1;
  addCodes(lost.byCode, d.codes);
}

/**
 * Adds one instance's batch (one put per record) and what it had to drop unwritten, then evicts the least
 * recently refused beyond `maxNames`.
 */
export async function writeRefusals(u: Unit, batch: ReadonlyMap<string, RefusalDelta>, lost: RefusalTotals, maxNames: number): Promise<void> {
  const col = u.collection<RefusalRecord>(REFUSALS);
  const stored = await col.getMany([...batch.keys()]);
  const totals = await readRefusalTotals(u);
  for (const [key, d] of batch) {
    col.put(key, merged(stored.get(key), d));
    totals.total += d.count;
    addCodes(totals.byCode, d.codes);
  }
  totals.total += lost.total;
  totals.evicted += lost.evicted;
  addCodes(totals.byCode, lost.byCode);
  const over = (await col.count()) - maxNames;
  if (over > 0) {
    for (const r of await col.range('lastSeen', { limit: over })) col.delete(keyOfRefusal(r));
    totals.evicted += over;
  }
  u.meta.put(REFUSAL_TOTALS_KEY, totals);
}
