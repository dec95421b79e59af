#!/usr/bin/env node
// The `vtn` command. Each subcommand lives in its own module under src/commands/.
import { Command } from 'commander';
import { VtnError } from './errors.js';

// Each subcommand's module is imported only when it runs (all of them for help or an unknown name).
const COMMANDS: Record<string, () => Promise<(program: Command) => void>> = {
  start: async () => (await import('./commands/start.js')).registerStartCommand,
  fingerprint: async () => (await import('./commands/fingerprint.js')).registerFingerprintCommand,
  certs: async () => (await import('./commands/certs.js')).registerCertsCommand,
  simulate: async () => (await import('./commands/simulate.js')).registerSimulateCommand,
  init: async () => (await import('./commands/init.js')).registerInitCommand,
  check: async () => (await import('./commands/check.js')).registerCheckCommand,
  test: async () => (await import('./commands/test.js')).registerTestCommand,
  explain: async () => (await import('./commands/explain.js')).registerExplainCommand,
  schedule: async () => (await import('./commands/schedule.js')).registerScheduleCommand,
  clients: async () => (await import('./commands/clients.js')).registerClientsCommand,
};

const program = new Command('vtn')
  .description('openadr-vtn: an OpenADR 2.0b VTN whose policy is configuration')
  .showHelpAfterError();
const named = Object.hasOwn(COMMANDS, process.argv[2] ?? '') ? COMMANDS[process.argv[2]!] : undefined;
for (const load of named ? [named] : Object.values(COMMANDS)) (await load())(program);

program.parseAsync(process.argv).catch((err: unknown) => {
  if (err instanceof VtnError) {
    console.error(`error ${err.code}: ${err.message}`);
  } else {
    console.error(err);
  }
  process.exit(1);
});
