// The VEN catalogue (config/vens.json) as far as schedules need it: who is in which group, program, resource.
// A small local reader: the rules layer (issue #4) owns the file's format; switch to its loader once it lands.
import { existsSync, readFileSync } from 'node:fs';
import { VtnError } from '../errors.js';

export interface CatalogueVen {
  /** The VEN's name (venName at registration). */
  name: string;
  /** Fixed venId, when the catalogue assigns one; otherwise found among registered VENs by name. */
  venId?: string;
  groups: string[];
  resources: string[];
  programs: string[];
}

export interface VenCatalogue {
  /** False when there is no catalogue file: groups and programs cannot be resolved. */
  present: boolean;
  vens: CatalogueVen[];
}

const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);

/** Reads a list of VENs, or `{ vens: [...] }`; an absent file gives an empty, absent catalogue. */
export function readVenCatalogue(path: string): VenCatalogue {
  if (!existsSync(path)) return { present: false, vens: [] };
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    throw new VtnError('E_SCHEDULE_FILE', `${path} cannot be read as JSON: ${(err as Error).message}`, 'fix the syntax of the VEN catalogue');
  }
  const list = Array.isArray(data) ? data : (data as { vens?: unknown } | null)?.vens;
  const vens: CatalogueVen[] = [];
  for (const raw of Array.isArray(list) ? list : []) {
    if (!raw || typeof raw !== 'object') continue;
    const r = raw as Record<string, unknown>;
    const name = typeof r.venName === 'string' ? r.venName : typeof r.name === 'string' ? r.name : undefined;
    if (!name) continue;
    vens.push({
      name, ...(typeof r.venId === 'string' ? { venId: r.venId } : {}),
      groups: strings(r.groups), resources: strings(r.resources), programs: strings(r.programs),
    });
  }
  return { present: true, vens };
}

/** Every group, program and resource name the catalogue knows. */
export function catalogueNames(c: VenCatalogue): { groups: Set<string>; programs: Set<string>; resources: Set<string> } {
  return {
    groups: new Set(c.vens.flatMap((v) => v.groups)),
    programs: new Set(c.vens.flatMap((v) => v.programs)),
    resources: new Set(c.vens.flatMap((v) => v.resources)),
  };
}
