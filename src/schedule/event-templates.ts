// Named event templates (config/templates.json), read with a small local reader.
// The rules layer (issue #4) owns that file's format; switch to its loader in src/rules/templates/ once it lands.
import { existsSync, readFileSync } from 'node:fs';
import { VtnError } from '../errors.js';
import type { IntervalSpec } from './schedule-types.js';

/** The fields of a template the scheduler uses (the shape of policy-examples.md "An event template"). */
export interface EventTemplate {
  name: string;
  marketContext?: string;
  signal?: { name?: string; type?: string; intervals?: IntervalSpec[] };
  duration?: string;
  priority?: number;
  responseRequired?: 'always' | 'never';
  rampUp?: string;
  notification?: string;
  recovery?: string;
  startAfter?: string;
  testEvent?: boolean;
  vtnComment?: string;
}

export type TemplateMap = ReadonlyMap<string, EventTemplate>;

/** Templates by name; an absent file is an empty map. Accepts a list, `{ templates: [...] }` or `{ templates: { name: {...} } }`. */
export function readTemplates(path: string): TemplateMap {
  const out = new Map<string, EventTemplate>();
  if (!existsSync(path)) return out;
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    throw new VtnError('E_SCHEDULE_FILE', `${path} cannot be read as JSON: ${(err as Error).message}`, 'fix the syntax of the templates file');
  }
  const list = Array.isArray(data) ? data : (data as { templates?: unknown } | null)?.templates;
  const entries: [string | undefined, unknown][] = Array.isArray(list)
    ? list.map((t) => [undefined, t])
    : list && typeof list === 'object' ? Object.entries(list) : [];
  for (const [key, value] of entries) {
    if (!value || typeof value !== 'object') continue;
    const t = value as Partial<EventTemplate>;
    const name = typeof t.name === 'string' ? t.name : key;
    if (name) out.set(name, { ...t, name });
  }
  return out;
}
