// `vtn check`: every policy file of a project (server config, catalogues, templates, rules, rule tests), checked.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { parseJsonSource } from '../files/json-source.js';
import { formatProblem, type Problem } from '../files/problem.js';
import { loadPolicy } from '../reload/load-policy.js';
import { validateAgainstSchema, type FileKind } from '../schemas/schema-validator.js';

export interface CheckOptions {
  rulesDir?: string;
  configDir?: string;
}

export interface CheckReport {
  problems: Problem[];
  files: string[];
  version?: string;
}

function checkStandalone(path: string, root: string, kind: FileKind): Problem[] {
  const src = parseJsonSource(relative(root, path), readFileSync(path, 'utf8'));
  return [...src.problems, ...validateAgainstSchema(src, kind)];
}

export function checkProject(dir: string, options: CheckOptions = {}): CheckReport {
  const root = resolve(dir);
  const rulesDir = resolve(root, options.rulesDir ?? 'rules');
  const configDir = resolve(root, options.configDir ?? 'config');
  const loaded = loadPolicy({ rulesDir, configDir, baseDir: root });
  const problems = [...loaded.problems];
  const files = loaded.policy?.files ?? [];
  const vtnJson = join(configDir, 'vtn.json');
  if (existsSync(vtnJson)) problems.push(...checkStandalone(vtnJson, root, 'vtnConfig'));
  const testsDir = join(rulesDir, 'tests');
  if (existsSync(testsDir)) {
    for (const name of readdirSync(testsDir).filter((n) => n.endsWith('.json')).sort()) problems.push(...checkStandalone(join(testsDir, name), root, 'ruleTests'));
  }
  return { problems, files, ...(loaded.policy ? { version: loaded.policy.version } : {}) };
}

/** The lines `vtn check` prints and its exit code (1 when any error). */
export function renderCheck(report: CheckReport): { lines: string[]; exitCode: number } {
  const sorted = [...report.problems].sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column);
  const errors = sorted.filter((p) => p.severity === 'error').length;
  const warnings = sorted.length - errors;
  const lines = sorted.map(formatProblem);
  if (errors) lines.push(`✖ ${errors} error(s), ${warnings} warning(s): the VTN would not load this policy`);
  else lines.push(`✔ policy OK (${report.files.length} files, version ${report.version ?? '-'})${warnings ? `, ${warnings} warning(s)` : ''}`);
  return { lines, exitCode: errors ? 1 : 0 };
}
