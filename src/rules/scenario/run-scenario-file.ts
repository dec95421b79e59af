// `vtn test` for one scenario file: PASS/FAIL per scenario, promtool-style, with the step that failed and why.
import { dirname, relative, resolve } from 'node:path';
import { VtnError } from '../../errors.js';
import { projectPolicyPaths } from '../reload/load-policy.js';
import { runScenario } from './run-scenario.js';
import type { ScenarioFile } from './scenario-types.js';

export interface FileRunResult {
  lines: string[];
  passed: number;
  failed: number;
}

export async function runScenarioFile(path: string, shown: string, data: ScenarioFile, cwd: string): Promise<FileRunResult> {
  const root = resolve(dirname(path), data.policy ?? '../..');
  const paths = projectPolicyPaths(root, cwd);
  const out: FileRunResult = { lines: [], passed: 0, failed: 0 };
  for (const scenario of data.scenarios) {
    let diff: string[];
    try {
      diff = await runScenario(scenario, paths);
    } catch (e) {
      // The policy does not load: every scenario of the file fails the same way, so say it once.
      if (e instanceof VtnError && e.code === 'E_POLICY') {
        out.lines.push(`ERROR ${shown}: the policy in ${relative(cwd, root) || '.'} does not load:`, ...e.message.split('\n').slice(1).map((l) => `  ${l}`));
        out.failed += data.scenarios.length;
        return out;
      }
      throw e;
    }
    if (diff.length === 0) {
      out.passed++;
      out.lines.push(`PASS  ${shown} › ${scenario.name}`);
    } else {
      out.failed++;
      out.lines.push(`FAIL  ${shown} › ${scenario.name}`, ...diff.map((d) => `    ${d}`));
    }
  }
  return out;
}
