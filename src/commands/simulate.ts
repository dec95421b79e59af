// `vtn simulate`: N simulated VENs against a running VTN, with a summary line every 10 s and at the end.
import type { Command } from 'commander';
import { VtnError } from '../errors.js';
import { DEFAULT_PREFIX } from '../simulator/simulation-options.js';

interface SimulateFlags {
  url: string;
  vens: string;
  seconds?: string;
  opt: string;
  reportEvery: string;
  prefix: string;
  namePrefix: string;
  seed?: string;
}

function wholeNumber(value: string, flag: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(n)) throw new VtnError('E_SIMULATE', `${flag} must be a whole number, got "${value}"`);
  return n;
}

function positiveNumber(value: string, flag: string): number {
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || n <= 0) throw new VtnError('E_SIMULATE', `${flag} must be a positive number of seconds, got "${value}"`);
  return n;
}

export function registerSimulateCommand(program: Command): void {
  program
    .command('simulate')
    .description('simulate VENs that register, poll, answer events and send telemetry to a running VTN')
    .option('--url <url>', 'the VTN (origin, or the full OpenADR service base)', 'http://127.0.0.1:8080')
    .option('--vens <n>', 'how many VENs', '10')
    .option('--seconds <s>', 'stop after this many seconds (default: run until Ctrl-C)')
    .option('--opt <policy>', 'answer to events: always-in, always-out or random:<p>', 'always-in')
    .option('--report-every <duration>', 'shortest sampling period the VENs offer (ISO 8601)', 'PT10S')
    .option('--prefix <path>', 'path of the OpenADR services', DEFAULT_PREFIX)
    .option('--name-prefix <text>', 'VEN names are <text>01, <text>02 …', 'sim-')
    .option('--seed <n>', 'repeat a run: seed of load curves, noise and random opt answers')
    .action(async (flags: SimulateFlags) => {
      const { formatSummary, runSimulation } = await import('../simulator/index.js');
      const stop = new AbortController();
      const onSignal = () => stop.abort();
      process.once('SIGINT', onSignal);
      process.once('SIGTERM', onSignal);
      const vens = wholeNumber(flags.vens, '--vens');
      console.log(`simulating ${vens} VENs against ${flags.url}${flags.seconds ? ` for ${flags.seconds} s` : ' until Ctrl-C'} (opt policy ${flags.opt})`);
      try {
        await runSimulation({
          url: flags.url, prefix: flags.prefix, vens, opt: flags.opt, reportEvery: flags.reportEvery, namePrefix: flags.namePrefix,
          ...(flags.seconds !== undefined ? { seconds: positiveNumber(flags.seconds, '--seconds') } : {}),
          ...(flags.seed !== undefined ? { seed: wholeNumber(flags.seed, '--seed') } : {}),
          signal: stop.signal,
          onSummary: (summary, final) => console.log(`${final ? 'final: ' : ''}${formatSummary(summary)}`),
        });
      } finally {
        process.off('SIGINT', onSignal);
        process.off('SIGTERM', onSignal);
      }
    });
}
