// Which 2.0b VENs a 3.1 event reaches: its targets (else its program's) read as venIds, venNames and catalogue groups.
import type { Unit } from '../../store/store.js';
import type { VenRecord } from '../../store/records.js';
import type { ProgramCatalogue, ProgramEntry } from './program-catalogue.js';

/** Registered venIds of catalogue entries (by venId, else by venName). */
async function registeredEntries(u: Unit, entries: ProgramCatalogue['vens']): Promise<string[]> {
  const out: string[] = [];
  for (const e of entries) {
    if (e.venId !== undefined) {
      if (await u.vens.has(e.venId)) out.push(e.venId);
    } else {
      out.push(...(await u.vens.find('venName', e.venName)).map((v: VenRecord) => v.venId));
    }
  }
  return out;
}

/** The registered 2.0b VENs a target string names: a venId, a venName, or a group of config/vens.json. */
async function vensOfTarget(u: Unit, catalogue: ProgramCatalogue | undefined, target: string): Promise<string[]> {
  const out: string[] = [];
  if (await u.vens.has(target)) out.push(target);
  out.push(...(await u.vens.find('venName', target)).map((v: VenRecord) => v.venId));
  const members = (catalogue?.vens ?? []).filter((e) => e.groups?.includes(target));
  if (members.length > 0) out.push(...(await registeredEntries(u, members)));
  return out;
}

/**
 * The event's 2.0b audience. With targets: every VEN a target names. Without: the program's targets, else the
 * catalogue VENs listing the program. Empty when only 3.1 VENs read it (the core keeps it with allowNoVens).
 */
export async function audienceOfTargets(u: Unit, catalogue: ProgramCatalogue | undefined, targets: readonly string[], program: ProgramEntry): Promise<string[]> {
  const named = targets.length > 0 ? targets : (program.program.targets ?? []);
  const out: string[] = [];
  for (const t of named) out.push(...(await vensOfTarget(u, catalogue, t)));
  if (named.length === 0 && program.catalogueName !== undefined) {
    const name = program.catalogueName;
    out.push(...(await registeredEntries(u, (catalogue?.vens ?? []).filter((e) => e.programs?.includes(name)))));
  }
  return [...new Set(out)];
}
