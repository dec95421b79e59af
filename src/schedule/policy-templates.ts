// Event templates and programs for schedules, read with the rules layer's own loader (src/rules/templates/),
// so a template means the same thing to a rule and to a schedule (program market context and defaults included).
import { existsSync, readFileSync } from 'node:fs';
import { Catalogue, type Program } from '../rules/catalogue/catalogue.js';
import type { ProgramsFile, VensFile } from '../rules/catalogue/catalogue.js';
import { parseJsonSource } from '../rules/files/json-source.js';
import { readTemplates, type TemplateSet } from '../rules/templates/index.js';

export type { EventTemplate } from '../rules/templates/index.js';
export type TemplateMap = TemplateSet;

export interface PolicyTemplates {
  templates: TemplateMap;
  programs: ReadonlyMap<string, Program>;
  /** Set when the templates file has errors (its templates are then unavailable); `vtn check` lists them. */
  templatesBroken: boolean;
}

const readJson = <T>(path: string): T | undefined => {
  if (!existsSync(path)) return undefined;
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as T;
  } catch {
    return undefined;
  }
};

/** Reads config/templates.json with config/programs.json beside it (each optional), against the VEN catalogue already read. */
export function readPolicyTemplates(templatesFile: string, programsFile: string, vens: VensFile | undefined): PolicyTemplates {
  const programsData = readJson<ProgramsFile>(programsFile);
  const programs = new Map((Array.isArray(programsData?.programs) ? programsData.programs : []).map((p) => [p.name, p]));
  if (!existsSync(templatesFile)) return { templates: new Map(), programs, templatesBroken: false };
  const catalogue = new Catalogue(vens, programsData && Array.isArray(programsData.programs) ? programsData : undefined);
  const { templates, problems } = readTemplates(parseJsonSource(templatesFile, readFileSync(templatesFile, 'utf8')), catalogue);
  return { templates, programs, templatesBroken: problems.some((p) => p.severity === 'error') };
}

/** The market context events from this template get: its own, else its program's. */
export function templateMarketContext(t: { marketContext?: string; program?: string } | undefined, programs: ReadonlyMap<string, Program>): string | undefined {
  return t?.marketContext ?? (t?.program ? programs.get(t.program)?.marketContext : undefined);
}
