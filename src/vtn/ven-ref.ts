// A VEN as an operator names it: its venId, else its venName when exactly one registered VEN carries it.
import type { VenRecord } from '../store/records.js';
import type { Unit } from '../store/store.js';

export type VenRef =
  | { found: VenRecord }
  | { unknown: string }
  | { ambiguous: string; candidates: VenRecord[] };

/** Candidates named in an ambiguity: enough to choose from, never a whole fleet. */
export const MAX_CANDIDATES = 20;

/** By venId first (a venId always wins), then by venName. */
export function pickVen(ref: string, byId: VenRecord | undefined, byName: readonly VenRecord[]): VenRef {
  if (byId) return { found: byId };
  if (byName.length === 1) return { found: byName[0]! };
  if (byName.length === 0) return { unknown: ref };
  return { ambiguous: ref, candidates: byName.slice(0, MAX_CANDIDATES) };
}

/** Each distinct ref looked up: one read for the venIds, one index lookup per ref that is not one. */
export async function lookUpVens(u: Unit, refs: readonly string[]): Promise<Map<string, VenRef>> {
  const distinct = [...new Set(refs)];
  const byId = await u.vens.getMany(distinct);
  const out = new Map<string, VenRef>();
  for (const ref of distinct) {
    const named = byId.has(ref) ? [] : await u.vens.find('venName', ref, { limit: MAX_CANDIDATES + 1 });
    out.set(ref, pickVen(ref, byId.get(ref), named));
  }
  return out;
}
