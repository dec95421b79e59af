// `vtn check`: every policy file of a project (server config, catalogues, templates, rules, rule tests), checked.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { parseJsonSource } from '../files/json-source.js';
import { checkClientFile, clientsPath } from './check-clients.js';
import { checkSchedules, schedulePaths } from '../../schedule/index.js';
import { formatProblem, type AnyProblem, type Problem } from '../files/problem.js';
import { loadPolicy } from '../reload/load-policy.js';
import { isScenarioFile } from '../scenario/scenario-types.js';
import { validateAgainstSchema, type FileKind } from '../schemas/schema-validator.js';

export interface CheckOptions {
  rulesDir?: string;
  configDir?: string;
  /** Schedule overlaps are looked for from here; default now. */
  from?: Date;
}

export interface CheckReport {
  /** Policy problems (P_*) and schedule/calendar problems (E_SCHEDULE_*). */
  problems: AnyProblem[];
  files: string[];
  /** Schedule files checked (config/schedules.json, rules/schedules/*.json). */
  scheduleFiles?: string[];
  version?: string;
}

/** `kind` may depend on the content (rules/tests/ holds rule tests and scenarios). */
function checkStandalone(path: string, root: string, kind: FileKind | ((data: unknown) => FileKind)): Problem[] {
  const src = parseJsonSource(relative(root, path), readFileSync(path, 'utf8'));
  return [...src.problems, ...validateAgainstSchema(src, typeof kind === 'function' ? kind(src.data) : kind)];
}

const testKind = (data: unknown): FileKind => (isScenarioFile(data) ? 'scenarios' : 'ruleTests');

export function checkProject(dir: string, options: CheckOptions = {}): CheckReport {
  const root = resolve(dir);
  const rulesDir = resolve(root, options.rulesDir ?? 'rules');
  const configDir = resolve(root, options.configDir ?? 'config');
  const loaded = loadPolicy({ rulesDir, configDir, baseDir: root });
  const problems: AnyProblem[] = [...loaded.problems];
  const files = loaded.policy?.files ?? [];
  const vtnJson = join(configDir, 'vtn.json');
  if (existsSync(vtnJson)) problems.push(...checkStandalone(vtnJson, root, 'vtnConfig'));
  problems.push(...checkClientFile(clientsPath(root, configDir), root));
  const testsDir = join(rulesDir, 'tests');
  if (existsSync(testsDir)) {
    for (const name of readdirSync(testsDir).filter((n) => n.endsWith('.json')).sort()) problems.push(...checkStandalone(join(testsDir, name), root, testKind));
  }
  // Schedules and calendars use the standard layout (config/schedules.json, rules/schedules/, config/calendars/).
  problems.push(...checkSchedules(root, options.from ? { from: options.from } : {}));
  const scheduleFiles = schedulePaths(root).scheduleFiles.map((f) => relative(root, f));
  return { problems, files, scheduleFiles, ...(loaded.policy ? { version: loaded.policy.version } : {}) };
}

/** The lines `vtn check` prints and its exit code (1 when any error). */
export function renderCheck(report: CheckReport): { lines: string[]; exitCode: number } {
  const sorted = [...report.problems].sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column);
  const errors = sorted.filter((p) => p.severity === 'error').length;
  const warnings = sorted.length - errors;
  const lines = sorted.map(formatProblem);
  if (errors) lines.push(`✖ ${errors} error(s), ${warnings} warning(s): the VTN would not load these files`);
  else {
    const schedules = report.scheduleFiles?.length ? `, ${report.scheduleFiles.length} schedule file(s)` : '';
    lines.push(`✔ policy OK (${report.files.length} files, version ${report.version ?? '-'})${schedules}${warnings ? `, ${warnings} warning(s)` : ''}`);
  }
  return { lines, exitCode: errors ? 1 : 0 };
}
