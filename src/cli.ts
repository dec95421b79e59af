#!/usr/bin/env node
// The `vtn` command. Each subcommand lives in its own module under src/commands/.
import { Command } from 'commander';
import { VtnError } from './errors.js';
import { registerStartCommand } from './commands/start.js';
import { registerSimulateCommand } from './commands/simulate.js';
import { registerInitCommand } from './commands/init.js';
import { registerFingerprintCommand } from './commands/fingerprint.js';
import { registerCertsCommand } from './commands/certs.js';
import { registerScheduleCommand } from './commands/schedule.js';

const program = new Command('vtn')
  .description('openadr-vtn: an OpenADR 2.0b VTN whose policy is configuration')
  .showHelpAfterError();
registerStartCommand(program);
registerSimulateCommand(program);
registerInitCommand(program);
registerFingerprintCommand(program);
registerCertsCommand(program);
registerScheduleCommand(program);

program.parseAsync(process.argv).catch((err: unknown) => {
  if (err instanceof VtnError) {
    console.error(`error ${err.code}: ${err.message}`);
  } else {
    console.error(err);
  }
  process.exit(1);
});
