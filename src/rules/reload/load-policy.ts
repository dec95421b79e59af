// Reads every policy file, validates it (syntax, schema, semantics) and compiles a policy version.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { Catalogue, type ProgramsFile, type VensFile } from '../catalogue/catalogue.js';
import { checkPrograms, checkVens } from '../catalogue/check-catalogue.js';
import { buildEngines, type Engines } from '../engine/build-engines.js';
import { checkRuleFile } from '../engine/check-rules.js';
import type { LoadedRule, RuleFile } from '../engine/rule-types.js';
import { TRIGGERS, type Trigger } from '../facts/fact-catalogue.js';
import { parseJsonSource, positionOf, type JsonSource } from '../files/json-source.js';
import { hasErrors, type Problem } from '../files/problem.js';
import { validateAgainstSchema, type FileKind } from '../schemas/schema-validator.js';
import { readTemplates, type TemplateSet } from '../templates/index.js';

export interface PolicyPaths {
  /** Folder of the rule files (*.json; sub-folders such as tests/ are not rules). */
  rulesDir: string;
  /** Folder of vens.json, programs.json and templates.json (each optional). */
  configDir: string;
  /** File names in problems are shown relative to this folder (default: the working directory). */
  baseDir?: string;
}

/** The shipped project layout: rules/ and config/ under root; problems named relative to baseDir. */
export function projectPolicyPaths(root: string, baseDir: string = root): Required<PolicyPaths> {
  return { rulesDir: resolve(root, 'rules'), configDir: resolve(root, 'config'), baseDir };
}

/** One validated, compiled policy version. Immutable once built; a reload builds a new one. */
export interface CompiledPolicy {
  /** Hash of every file's name and content: recorded with each decision. */
  version: string;
  loadedAt: Date;
  files: string[];
  catalogue: Catalogue;
  templates: TemplateSet;
  rules: Record<Trigger, LoadedRule[]>;
  engines: Engines;
  /** Warnings (errors prevent a policy from being built). */
  warnings: Problem[];
}

export type LoadResult = { policy: CompiledPolicy; problems: Problem[] } | { policy?: undefined; problems: Problem[] };

export const CATALOGUE_FILES = ['vens.json', 'programs.json', 'templates.json'] as const;

function readSource(path: string, shown: string, problems: Problem[]): JsonSource | undefined {
  try {
    const src = parseJsonSource(shown, readFileSync(path, 'utf8'));
    problems.push(...src.problems);
    return src;
  } catch (e) {
    problems.push({ file: shown, line: 1, column: 1, code: 'P_FILE', severity: 'error', message: `cannot read: ${(e as Error).message}` });
    return undefined;
  }
}

/** The file's data once it passes its schema. Schema problems are reported even beside syntax ones (a comment). */
function validated<T>(src: JsonSource | undefined, kind: FileKind, problems: Problem[]): T | undefined {
  if (!src || src.data === undefined) return undefined;
  const schemaProblems = validateAgainstSchema(src, kind);
  problems.push(...schemaProblems);
  return schemaProblems.length || src.problems.length ? undefined : (src.data as T);
}

/** One problem per place and code: the schema and the semantic checks may both see a bad duration. */
function distinct(problems: Problem[]): Problem[] {
  const seen = new Set<string>();
  return problems.filter((p) => {
    const key = `${p.file}:${p.line}:${p.column}:${p.code}`;
    return seen.has(key) ? false : (seen.add(key), true);
  });
}

export function ruleFilesIn(rulesDir: string): string[] {
  return readdirSync(rulesDir).filter((n) => n.endsWith('.json') && statSync(join(rulesDir, n)).isFile()).sort();
}

export function loadPolicy(paths: PolicyPaths, now: Date = new Date()): LoadResult {
  const base = paths.baseDir ?? process.cwd();
  const shown = (p: string) => relative(base, p) || p;
  const problems: Problem[] = [];
  const hash = createHash('sha256');
  const files: string[] = [];
  const read = (path: string) => {
    const src = readSource(path, shown(path), problems);
    if (src) {
      hash.update(`${shown(path)}\u0000${src.text}\u0000`);
      files.push(shown(path));
    }
    return src;
  };

  // 1. catalogues
  const optional = (name: string) => (existsSync(join(paths.configDir, name)) ? read(join(paths.configDir, name)) : undefined);
  const vensSrc = optional('vens.json');
  const programsSrc = optional('programs.json');
  const templatesSrc = optional('templates.json');
  const programs = validated<ProgramsFile>(programsSrc, 'programs', problems);
  if (programsSrc && programs) problems.push(...checkPrograms(programsSrc));
  const vens = validated<VensFile>(vensSrc, 'vens', problems);
  if (vensSrc && vens) problems.push(...checkVens(vensSrc, programs));
  const catalogue = new Catalogue(vens, programs);
  let templates: TemplateSet = new Map();
  if (templatesSrc && templatesSrc.data !== undefined) {
    const r = readTemplates(templatesSrc, catalogue);
    problems.push(...r.problems.filter((p) => !templatesSrc.problems.includes(p)));
    templates = r.templates;
  }

  // 2. rules
  const rules = Object.fromEntries(TRIGGERS.map((t) => [t, [] as LoadedRule[]])) as Record<Trigger, LoadedRule[]>;
  if (!existsSync(paths.rulesDir) || !statSync(paths.rulesDir).isDirectory()) {
    problems.push({ file: shown(paths.rulesDir), line: 1, column: 1, code: 'P_FILE', severity: 'error', message: 'the rules folder does not exist', suggestion: 'create it, or point policyDir at the folder with your rule files' });
  } else {
    const seenNames = new Map<string, string>();
    let order = 0;
    for (const name of ruleFilesIn(paths.rulesDir)) {
      const src = read(join(paths.rulesDir, name));
      const file = validated<RuleFile>(src, 'rules', problems);
      // The semantic checks run on a file the schema refused too, so one pass shows every problem in it.
      if (src?.data !== undefined) problems.push(...checkRuleFile(src, { catalogue, templates, seenNames }));
      if (!src || !file) continue;
      file.rules.forEach((rule, i) => {
        rules[file.trigger].push({ ...rule, trigger: file.trigger, file: src.file, line: positionOf(src, ['rules', i, 'name']).line, order: order++ });
      });
    }
  }
  if (hasErrors(problems)) return { problems: distinct(problems) };
  return {
    policy: {
      version: hash.digest('hex').slice(0, 12), loadedAt: now, files, catalogue, templates, rules,
      engines: buildEngines(rules, catalogue), warnings: problems,
    },
    problems,
  };
}

