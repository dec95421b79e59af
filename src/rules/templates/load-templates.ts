// Reads config/templates.json into a name → template map, with every problem at its line:column.
import { readFileSync } from 'node:fs';
import { VtnError } from '../../errors.js';
import { Catalogue } from '../catalogue/catalogue.js';
import { parseJsonSource, type JsonSource } from '../files/json-source.js';
import { formatProblem, hasErrors, type Problem } from '../files/problem.js';
import { validateAgainstSchema } from '../schemas/schema-validator.js';
import { checkTemplates } from './check-templates.js';
import type { EventTemplate, TemplatesFile } from './event-template.js';

export type TemplateSet = ReadonlyMap<string, EventTemplate>;

/** Templates of a parsed file and the problems found (use the templates only when there is no error). */
export function readTemplates(src: JsonSource, catalogue: Catalogue = new Catalogue()): { templates: TemplateSet; problems: Problem[] } {
  const problems = [...src.problems, ...validateAgainstSchema(src, 'templates')];
  if (!hasErrors(problems)) problems.push(...checkTemplates(src, catalogue));
  const templates = new Map<string, EventTemplate>();
  // Filled even when a template is invalid, so rules naming it are not also reported as "unknown template".
  const list = (src.data as Partial<TemplatesFile> | undefined)?.templates;
  if (Array.isArray(list)) for (const t of list) if (typeof t?.name === 'string') templates.set(t.name, t);
  return { templates, problems };
}

/** Loads a templates file; throws E_POLICY listing every problem (file:line:column CODE message). */
export function loadTemplatesFile(path: string, catalogue?: Catalogue): TemplateSet {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new VtnError('E_POLICY', `cannot read ${path}: ${(e as Error).message}`);
  }
  const { templates, problems } = readTemplates(parseJsonSource(path, text), catalogue);
  if (hasErrors(problems)) throw new VtnError('E_POLICY', `${path} is invalid:\n${problems.map(formatProblem).join('\n')}`);
  return templates;
}

