// `vtn explain --trigger --ven --limit`: which stored decisions to list. A --ven is a venId or a venName, resolved
// against the state's registered VENs like the admin API does; the subjects it matches are that VEN's venId and
// venName (a registration is recorded under the name before a venId exists).
import { VtnError } from '../../errors.js';
import type { VenRecord } from '../../store/records.js';
import { readCollectionOffline } from '../../store/read-collection-offline.js';
import { pickVen } from '../../vtn/ven-ref.js';
import { TRIGGERS } from '../facts/fact-catalogue.js';
import type { DecisionRecord } from '../explain/decision-log.js';

export const DEFAULT_LIST_LIMIT = 20;

export interface DecisionFilter {
  trigger?: string;
  ven?: string;
  limit?: string | number;
}

function limitOf(raw: string | number | undefined): number {
  if (raw === undefined) return DEFAULT_LIST_LIMIT;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1) throw new VtnError('E_POLICY', `--limit ${String(raw)} is not a whole number of at least 1`, 'e.g. --limit 50');
  return n;
}

async function subjectsOf(dataDir: string, ref: string): Promise<Set<string>> {
  const vens = [...((await readCollectionOffline(dataDir, 'vens')) ?? new Map()).values()] as VenRecord[];
  const found = pickVen(ref, vens.find((v) => v.venId === ref), vens.filter((v) => v.venName === ref));
  if ('ambiguous' in found) {
    throw new VtnError('E_VEN_AMBIGUOUS', `venName "${ref}" is carried by several registered VENs: ${found.candidates.map((v) => v.venId).join(', ')}`, 'pass one of their venIds to --ven');
  }
  // Not registered (any more): the name or id as decisions recorded it.
  if ('unknown' in found) return new Set([ref]);
  return new Set([ref, found.found.venId, ...(found.found.venName ? [found.found.venName] : [])]);
}

/** The newest `limit` decisions matching the filter. */
export async function filterDecisions(dataDir: string, decisions: Iterable<DecisionRecord>, f: DecisionFilter): Promise<DecisionRecord[]> {
  if (f.trigger !== undefined && !(TRIGGERS as readonly string[]).includes(f.trigger)) {
    throw new VtnError('E_POLICY', `--trigger ${f.trigger} is not a trigger`, `use one of ${TRIGGERS.join(', ')}`);
  }
  const limit = limitOf(f.limit);
  const subjects = f.ven === undefined ? undefined : await subjectsOf(dataDir, f.ven);
  return [...decisions]
    .filter((d) => (f.trigger === undefined || d.trigger === f.trigger) && (subjects === undefined || subjects.has(d.subject)))
    .sort((a, b) => b.id.localeCompare(a.id))
    .slice(0, limit);
}
