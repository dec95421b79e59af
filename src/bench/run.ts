// `npm run bench`: the load scenarios and "a year" on the file store and on PostgreSQL in one run, printed side by
// side against the targets (see bench-args.ts for choosing scenarios and stores). Loopback only; phases are bounded.
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseBenchArgs, type BenchArgs } from './bench-args.js';
import { BenchPostgres } from './bench-postgres.js';
import { runHostileBench } from './hostile-scenario.js';
import { loadRows } from './load-rows.js';
import { runLoad, type LoadResult } from './load-scenario.js';
import { openadr3Rows, runOpenadr3OnStores, type Oa3BenchResult } from './oa3-scenario.js';
import { pushRows, runPushOnStores, type PushOnStore } from './push-scenario.js';
import { allPassed, formatSideTable, type SideRow } from './side-table.js';
import { runTelemetryOnStores, telemetryOnlyRows, type TelemetryOnStore } from './telemetry-run.js';
import { runYearOnStores, yearRows, type YearOnStore } from './year-report.js';

const HERE = dirname(fileURLToPath(import.meta.url));
const PACKAGE_ROOT = join(HERE, '..', '..');
const VTN_LOG = process.env.BENCH_VTN_LOG ?? 'info';
const PROFILE = process.env.BENCH_CPU_PROF; // a folder: the VTN children write .cpuprofile files there

async function main(args: BenchArgs): Promise<void> {
  const began = performance.now();
  // Other work on the machine skews every figure: the load average is printed with them.
  const loadBefore = loadavg()[0]!;
  const stage = (s: string) => process.stderr.write(`[bench ${((performance.now() - began) / 1000).toFixed(1)}s] ${s}\n`);
  const work = mkdtempSync(join(tmpdir(), 'vtn-bench-'));
  const pg = args.stores.includes('postgres') ? await BenchPostgres.open(stage) : undefined;
  // Ctrl-C or a kill: the seeded databases and the work folder go too (each holds a fleet; left, they slow later runs).
  const onSignal = (signal: NodeJS.Signals) => {
    stage(`${signal}: dropping the bench's databases and removing ${work}, then stopping`);
    void (pg?.close() ?? Promise.resolve()).catch((err: unknown) => stage(`could not drop the bench's databases: ${(err as Error).message}`))
      .finally(() => {
        rmSync(work, { recursive: true, force: true });
        process.exit(signal === 'SIGINT' ? 130 : 143);
      });
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  const rows: SideRow[] = [];
  let load: LoadResult | undefined;
  let year: Partial<Record<string, YearOnStore>> | undefined;
  let openadr3: Partial<Record<string, Oa3BenchResult>> | undefined;
  let push: Partial<Record<string, PushOnStore>> | undefined;
  let telemetry: Partial<Record<string, TelemetryOnStore>> | undefined;
  try {
    stage(`${args.quick ? 'QUICK run' : 'full run'}: ${args.scenarios.join(', ')} on ${args.stores.join(', ')}`);
    if (args.scenarios.includes('load')) {
      load = await runLoad({ args, pg, work, here: HERE, packageRoot: PACKAGE_ROOT, logLevel: VTN_LOG, execArgv: PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${PROFILE}`] : [], stage });
      rows.push(...loadRows(load, args.sizes.vens, args.sizes.events));
    }
    if (args.scenarios.includes('telemetry')) {
      telemetry = await runTelemetryOnStores({ args, pg, work, here: HERE, logLevel: VTN_LOG, execArgv: PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${PROFILE}`] : [], stage });
      rows.push(...telemetryOnlyRows(telemetry));
    }
    if (args.scenarios.includes('year')) {
      year = await runYearOnStores({ args, pg, work, packageRoot: PACKAGE_ROOT, stage });
      rows.push(...yearRows(year, args));
    }
    if (args.scenarios.includes('push')) {
      push = await runPushOnStores({ args, pg, work, here: HERE, logLevel: VTN_LOG, execArgv: PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${PROFILE}`] : [], stage });
      rows.push(...pushRows(push, args.sizes.vens));
    }
    if (args.scenarios.includes('openadr3')) {
      openadr3 = await runOpenadr3OnStores({
        stores: args.stores, pg, here: HERE, work, vens: args.sizes.vens, seconds: args.sizes.seconds, rateSeconds: args.sizes.rateSeconds, stage,
        execArgv: PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${PROFILE}`] : [],
      });
      rows.push(...openadr3Rows(openadr3));
    }
    const seconds = (performance.now() - began) / 1000;
    const loadAverage = [loadBefore, loadavg()[0]!].map((n) => Number(n.toFixed(2)));
    const runValues = (text: string) => Object.fromEntries(args.stores.map((k, i) => [k, i === 0 ? text : '']));
    rows.push({ scenario: 'run', metric: 'load average (1 min) at start / end; ≥ 1 means other work competed', values: runValues(`${loadAverage[0]} / ${loadAverage[1]}`) });
    rows.push({ scenario: 'run', metric: `whole run (${cpus().length} cores, node ${process.versions.node})`, values: runValues(`${seconds.toFixed(0)} s`) });
    console.log(formatSideTable(rows, args.stores));
    console.log(JSON.stringify({ bench: 'openadr-vtn', quick: args.quick, stores: args.stores, sizes: args.sizes, cores: cpus().length, node: process.versions.node, vtnLogLevel: VTN_LOG,
      load, telemetry, year, push, openadr3, loadAverage, seconds: Number(seconds.toFixed(1)), allTargetsMet: allPassed(rows) }));
    if (PROFILE) stage(`CPU profiles of the VTN processes written to ${PROFILE}`);
  } finally {
    await pg?.close();
    rmSync(work, { recursive: true, force: true });
  }
}

let args: BenchArgs;
try {
  args = parseBenchArgs(process.argv.slice(2));
} catch (err) {
  console.error((err as Error).message);
  process.exit(2);
}
// The hostile-input bench runs alone (it measures event-loop blocking; other load would distort it).
const run = args.scenarios.includes('hostile')
  ? (args.scenarios.length > 1 ? Promise.reject(new Error('the hostile scenario runs alone: `npm run bench -- hostile`')) : runHostileBench(PACKAGE_ROOT, join(HERE, 'hostile-vtn-child.js')))
  : main(args);
run.catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
