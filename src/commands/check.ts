// `vtn check [dir]`: validate the policy files of a project and print file:line:column  CODE  message.
import type { Command } from 'commander';

export function registerCheckCommand(program: Command): void {
  program
    .command('check [dir]')
    .description('check config, catalogues, templates, rules and rule tests (exit 1 on error)')
    .option('--rules <dir>', 'rules folder, relative to dir', 'rules')
    .option('--config <dir>', 'catalogue folder, relative to dir', 'config')
    .action(async (dir: string | undefined, flags: { rules: string; config: string }) => {
      const { checkProject, renderCheck } = await import('../rules/cli/check-project.js');
      const { lines, exitCode } = renderCheck(checkProject(dir ?? '.', { rulesDir: flags.rules, configDir: flags.config }));
      for (const line of lines) console.log(line);
      process.exitCode = exitCode;
    });
}
