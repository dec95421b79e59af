// Retired registrations, kept for the operator: who left, when, and how the registration ended
// (the VEN cancelled, it confirmed the VTN's cancellation, the grace ran out, or a new registration replaced it).
import type { VenRecord } from '../store/records.js';
import type { Unit } from '../store/store.js';

export const RETIRED_VENS = 'retiredVens';
/** Newest kept; a flood of replaced registrations evicts the oldest entries, never grows the table. */
export const RETIRED_KEPT = 1000;

export type RetiredBy = 'ven' | 'confirmed' | 'grace' | 'replaced';

export interface RetiredVen {
  venId: string;
  venName?: string;
  registrationId: string;
  fingerprint?: string;
  registeredAt: string;
  retiredAt: string;
  retiredBy: RetiredBy;
  /** A VTN-initiated cancellation: when it was asked for and how often it went out. */
  cancelRequestedAt?: string;
  cancelSends?: number;
  /** The venID of the registration that replaced this one. */
  replacedBy?: string;
}

export function recordRetirement(u: Unit, entry: RetiredVen): void {
  u.collection<RetiredVen>(RETIRED_VENS).put(entry.venId, entry);
}

export function retiredEntry(ven: VenRecord, at: string, by: RetiredBy, extra: Partial<RetiredVen> = {}): RetiredVen {
  return {
    venId: ven.venId, ...(ven.venName !== undefined ? { venName: ven.venName } : {}), registrationId: ven.registrationId,
    ...(ven.fingerprint !== undefined ? { fingerprint: ven.fingerprint } : {}), registeredAt: ven.registeredAt, retiredAt: at, retiredBy: by, ...extra,
  };
}

/** Drops the oldest entries beyond RETIRED_KEPT (run after a retirement commits; a few rows at a time). */
export async function trimRetired(u: Unit, kept = RETIRED_KEPT): Promise<number> {
  const repo = u.collection<RetiredVen>(RETIRED_VENS);
  const over = (await repo.count()) - kept;
  if (over <= 0) return 0;
  const oldest = await repo.range('retiredAt', { limit: Math.min(over, 500) });
  for (const r of oldest) repo.delete(r.venId);
  return oldest.length;
}

/** Newest first, optionally one venID (a venId may have been retired, then registered and retired again: latest only). */
export async function listRetired(u: Unit, o: { venId?: string; limit?: number } = {}): Promise<RetiredVen[]> {
  const repo = u.collection<RetiredVen>(RETIRED_VENS);
  if (o.venId !== undefined) {
    const one = await repo.get(o.venId);
    return one ? [one] : [];
  }
  const all = await repo.range('retiredAt', {});
  return all.reverse().slice(0, o.limit ?? 100);
}
