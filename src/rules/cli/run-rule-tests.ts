// `vtn test`: runs JSON rule tests (given facts → expected decisions) and scenario files (VEN actions over a
// clock → expected events) against the project's policy, promtool-style.
import { readFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { decisionsAsThen } from '../decisions/resolve-decisions.js';
import { evaluate } from '../engine/evaluate.js';
import { emptySources } from '../facts/fact-sources.js';
import type { Trigger } from '../facts/fact-catalogue.js';
import { parseJsonSource } from '../files/json-source.js';
import { formatProblem } from '../files/problem.js';
import { loadPolicy, projectPolicyPaths, type CompiledPolicy, type LoadResult } from '../reload/load-policy.js';
import { runScenarioFile } from '../scenario/run-scenario-file.js';
import { isScenarioFile, type ScenarioFile } from '../scenario/scenario-types.js';
import { validateAgainstSchema } from '../schemas/schema-validator.js';
import { compareExpectation, type Expectation } from './compare-expectation.js';
import { dryRunFacts } from './dry-run-facts.js';

interface RuleTestCase {
  name: string;
  trigger: Trigger;
  given: Record<string, unknown>;
  at?: string;
  expect: Expectation;
}

interface RuleTestFile {
  policy?: string;
  tests: RuleTestCase[];
}

export interface TestRunResult {
  lines: string[];
  passed: number;
  failed: number;
  exitCode: number;
}

export async function runRuleTests(files: string[], cwd = process.cwd()): Promise<TestRunResult> {
  const lines: string[] = [];
  let passed = 0;
  let failed = 0;
  const policies = new Map<string, LoadResult>();
  for (const file of files) {
    const path = resolve(cwd, file);
    const shown = relative(cwd, path) || path;
    let text: string;
    try {
      text = readFileSync(path, 'utf8');
    } catch (e) {
      lines.push(`ERROR ${shown}: cannot read: ${(e as Error).message}`);
      failed++;
      continue;
    }
    const src = parseJsonSource(shown, text);
    const scenarios = isScenarioFile(src.data);
    const problems = [...src.problems, ...validateAgainstSchema(src, scenarios ? 'scenarios' : 'ruleTests')];
    if (problems.length) {
      lines.push(...problems.map(formatProblem));
      failed++;
      continue;
    }
    if (scenarios) {
      const r = await runScenarioFile(path, shown, src.data as ScenarioFile, cwd);
      lines.push(...r.lines);
      passed += r.passed;
      failed += r.failed;
      continue;
    }
    const data = src.data as RuleTestFile;
    const root = resolve(dirname(path), data.policy ?? '../..');
    if (!policies.has(root)) policies.set(root, loadPolicy(projectPolicyPaths(root, cwd)));
    const loaded = policies.get(root)!;
    if (!loaded.policy) {
      lines.push(`ERROR ${shown}: the policy in ${relative(cwd, root) || '.'} does not load:`, ...loaded.problems.filter((p) => p.severity === 'error').map((p) => `  ${formatProblem(p)}`));
      failed += data.tests.length;
      continue;
    }
    for (const t of data.tests) {
      const diff = await runCase(loaded.policy, t);
      if (diff.length === 0) {
        passed++;
        lines.push(`PASS  ${shown} › ${t.name}`);
      } else {
        failed++;
        lines.push(`FAIL  ${shown} › ${t.name}`, ...diff.map((d) => `    ${d}`));
      }
    }
  }
  lines.push(`${passed} passed, ${failed} failed`);
  return { lines, passed, failed, exitCode: failed ? 1 : 0 };
}

async function runCase(policy: CompiledPolicy, t: RuleTestCase): Promise<string[]> {
  const at = t.at ? new Date(t.at) : new Date();
  const facts = dryRunFacts(t.trigger, t.given, policy.catalogue, at);
  const ev = await evaluate(policy, t.trigger, facts, emptySources(() => at));
  const actual = decisionsAsThen(ev.decisions);
  const diff = compareExpectation(t.expect, ev.fired, actual);
  if (diff.length) diff.push(`all decisions taken: ${JSON.stringify(actual)}`);
  return diff;
}
