// The VEN catalogue (config/vens.json) as far as schedules need it: who is in which group, program, resource.
// The file's format and its full check belong to the rules layer's Catalogue; this is the schedules' view of it.
import { existsSync, readFileSync } from 'node:fs';
import { VtnError } from '../errors.js';
import { Catalogue, type VensFile } from '../rules/catalogue/catalogue.js';

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
  /** The file as read, so templates resolve against the same catalogue without reading it again. */
  file?: VensFile;
}

/** Reads config/vens.json (`{ vens: [...] }`, as `vtn check` validates it); an absent file gives an absent catalogue. */
export function readVenCatalogue(path: string): VenCatalogue {
  if (!existsSync(path)) return { present: false, vens: [] };
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    throw new VtnError('E_SCHEDULE_FILE', `${path} cannot be read as JSON: ${(err as Error).message}`, 'fix the syntax of the VEN catalogue');
  }
  const file = data as Partial<VensFile> | null;
  const catalogue = new Catalogue(Array.isArray(file?.vens) ? (file as VensFile) : undefined);
  const vens = catalogue.vens
    .filter((e) => typeof e?.venName === 'string')
    .map((e) => ({
      name: e.venName, ...(e.venId ? { venId: e.venId } : {}),
      groups: e.groups ?? [], resources: e.resources ?? [], programs: e.programs ?? [],
    }));
  return { present: true, vens, ...(Array.isArray(file?.vens) ? { file: file as VensFile } : {}) };
}

/** Every group, program and resource name the catalogue knows. */
export function catalogueNames(c: VenCatalogue): { groups: Set<string>; programs: Set<string>; resources: Set<string> } {
  return {
    groups: new Set(c.vens.flatMap((v) => v.groups)),
    programs: new Set(c.vens.flatMap((v) => v.programs)),
    resources: new Set(c.vens.flatMap((v) => v.resources)),
  };
}
