#!/usr/bin/env node
// The `vtn` command. Each subcommand lives in its own module under src/commands/.
import { Command } from 'commander';
import { VtnError } from './errors.js';
import { registerStartCommand } from './commands/start.js';
import { registerFingerprintCommand } from './commands/fingerprint.js';
import { registerCertsCommand } from './commands/certs.js';
import { registerSimulateCommand } from './commands/simulate.js';
import { registerInitCommand } from './commands/init.js';
import { registerCheckCommand } from './commands/check.js';
import { registerTestCommand } from './commands/test.js';
import { registerExplainCommand } from './commands/explain.js';
import { registerScheduleCommand } from './commands/schedule.js';
import { registerClientsCommand } from './commands/clients.js';

const program = new Command('vtn')
  .description('openadr-vtn: an OpenADR 2.0b VTN whose policy is configuration')
  .showHelpAfterError();
registerStartCommand(program);
registerFingerprintCommand(program);
registerCertsCommand(program);
registerSimulateCommand(program);
registerInitCommand(program);
registerCheckCommand(program);
registerTestCommand(program);
registerExplainCommand(program);
registerScheduleCommand(program);
registerClientsCommand(program);

program.parseAsync(process.argv).catch((err: unknown) => {
  if (err instanceof VtnError) {
    console.error(`error ${err.code}: ${err.message}`);
  } else {
    console.error(err);
  }
  process.exit(1);
});
