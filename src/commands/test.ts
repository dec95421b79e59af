// `vtn test [files...]`: run JSON rule tests; exit 1 when any fails.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';

function defaultFiles(): string[] {
  const dir = join('rules', 'tests');
  try {
    return readdirSync(dir).filter((n) => n.endsWith('.json')).sort().map((n) => join(dir, n));
  } catch {
    return [];
  }
}

export function registerTestCommand(program: Command): void {
  program
    .command('test [files...]')
    .description('run rule tests and scenarios (default: rules/tests/*.json): given facts → expected decisions; VEN actions over a clock → expected events')
    .action(async (files: string[]) => {
      const chosen = files.length ? files : defaultFiles();
      if (chosen.length === 0) {
        console.error('no rule test files: pass some, or put them in rules/tests/');
        process.exitCode = 1;
        return;
      }
      const { runRuleTests } = await import('../rules/cli/run-rule-tests.js');
      const result = await runRuleTests(chosen);
      for (const line of result.lines) console.log(line);
      process.exitCode = result.exitCode;
    });
}
