// `vtn explain [decision-id]`: why the policy decided what it did; `--facts file` for a dry run.
import type { Command } from 'commander';

export function registerExplainCommand(program: Command): void {
  program
    .command('explain [decisionId]')
    .description('show a decision: rules fired, per condition the fact value and result (no id: list the latest)')
    .option('--data-dir <dir>', 'state folder of the VTN (env VTN_DATA_DIR)', process.env.VTN_DATA_DIR ?? 'data')
    .option('--facts <file>', 'dry run: evaluate the rules over the facts in this JSON file')
    .option('--trigger <trigger>', 'list only decisions of this trigger; with --facts: the trigger of the dry run (registration, reportSubscription, telemetry, opt)')
    .option('--ven <ven>', 'list only decisions about this VEN (venId or venName)')
    .option('--limit <n>', 'list at most this many decisions, newest first (default 20)')
    .option('--dir <dir>', 'project folder with config/ and rules/ (dry run)', '.')
    .action(async (id: string | undefined, flags: { dataDir: string; facts?: string; trigger?: string; dir: string; ven?: string; limit?: string }) => {
      const { explain } = await import('../rules/cli/explain-command.js');
      const { lines, exitCode } = await explain(id, flags);
      for (const line of lines) console.log(line);
      process.exitCode = exitCode;
    });
}
