// `npm run bench`: seeds 10,000 VENs and 1,000 events, then measures the VTN (own process) under load from a
// second process against a bare-fastify baseline in the same run. Loopback only; every phase is time-bounded.
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BaselineReady } from './baseline-server.js';
import { ChildHandle } from './child-ipc.js';
import type { FanoutResult } from './load-fanout.js';
import type { RateResult } from './load-rate.js';
import type { RegisterResult } from './load-register.js';
import { pollBreakdown } from './poll-breakdown.js';
import { formatTable, mb, type Row } from './report-table.js';
import { seedState } from './seed-state.js';
import { updateBreakdown } from './update-breakdown.js';
import { measureSigned, signedRows } from './signed-scenario.js';
import { runHostileBench } from './hostile-scenario.js';
import { measureStartup } from './startup-scenario.js';
import { measureTelemetry, telemetryRows } from './telemetry-scenario.js';
import { compareThroughput } from './throughput-scenario.js';
import type { VtnChildReady } from './vtn-child.js';

const HERE = dirname(fileURLToPath(import.meta.url));
const PACKAGE_ROOT = join(HERE, '..', '..');
const VENS = Number(process.env.BENCH_VENS ?? 10_000);
const EVENTS = Number(process.env.BENCH_EVENTS ?? 1_000);
const MAX_SECONDS = Number(process.env.BENCH_SECONDS ?? 4);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const VTN_LOG = process.env.BENCH_VTN_LOG ?? 'info';
const PROFILE = process.env.BENCH_CPU_PROF; // a folder: the VTN child writes a .cpuprofile there

async function main(): Promise<void> {
  const began = performance.now();
  // Other work on the machine skews every figure: the load average is printed with them.
  const loadBefore = loadavg()[0]!;
  const work = mkdtempSync(join(tmpdir(), 'vtn-bench-'));
  const rows: Row[] = [];
  const stage = (s: string) => process.stderr.write(`[bench ${((performance.now() - began) / 1000).toFixed(1)}s] ${s}\n`);
  const children: ChildHandle[] = [];
  try {
    stage(`seeding ${VENS} VENs and ${EVENTS} events`);
    const dataDir = join(work, 'data');
    const seeded = await seedState({ dataDir, vens: VENS, events: EVENTS, now: new Date() });

    stage('(e) start-up of `vtn start` on the seeded state');
    const startup = await measureStartup({ packageRoot: PACKAGE_ROOT, dataDir, workDir: work, venId: seeded.venIds[0]! });
    rows.push(
      { scenario: 'e start-up', metric: `start → first poll answered (${VENS} VENs, ${EVENTS} events)`, value: `${startup.startupMs} ms`, target: '< 2000 ms', met: startup.startupMs < 2000 },
      { scenario: 'e start-up', metric: 'RSS after first poll', value: mb(startup.rssBytes), target: '< 300 MB', met: startup.rssBytes < 300 * 1024 * 1024 },
      { scenario: 'e start-up', metric: 'state file vtn.json (+ journal)', value: `${mb(startup.stateFileBytes)} (+ ${mb(startup.journalBytes)})` },
    );

    const loader = new ChildHandle(join(HERE, 'load-worker.js'), []);
    children.push(loader);
    await loader.ready;

    const baseline = new ChildHandle(join(HERE, 'baseline-server.js'), []);
    children.push(baseline);
    const base = (await baseline.ready) as BaselineReady;

    stage(`VTN child on the seeded state (log level ${VTN_LOG})`);
    const execArgv = PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${PROFILE}`] : [];
    const vtnChild = new ChildHandle(join(HERE, 'vtn-child.js'), [dataDir, VTN_LOG], { execArgv });
    children.push(vtnChild);
    const vtn = (await vtnChild.ready) as VtnChildReady;
    const origin = vtn.baseUrl;

    const reg = await loader.call<RegisterResult>('register', { origin, prefix: vtn.prefix, count: 20 });
    rows.push({ scenario: 'sanity', metric: 'HTTP registrations + first poll', value: `${reg.registered}/20 registered, ${reg.polled}/20 polled`, target: '20/20', met: reg.registered === 20 && reg.polled === 20 });
    if (reg.problems.length) stage(`registration problems: ${reg.problems.slice(0, 3).join(' | ')}`);

    stage(`(a) idle polls, max throughput, 50 keep-alive connections, ${ROUNDS} rounds alternating with the baseline`);
    const tp = await compareThroughput({ loader, baselineUrl: base.baseUrl + base.path, vtnUrl: `${vtn.url}/OadrPoll`, venIds: seeded.venIds, rounds: ROUNDS, seconds: MAX_SECONDS });
    rows.push(
      { scenario: 'a baseline', metric: 'max polls/s (50 conns, median round)', value: `${tp.baseline.rps} (p99 ${tp.baseline.p99} ms)` },
      { scenario: 'a idle polls', metric: 'max polls/s (50 conns, median round)', value: `${tp.vtn.rps} (p99 ${tp.vtn.p99} ms, errors ${tp.vtn.errors + tp.vtn.non2xx})` },
      { scenario: 'a idle polls', metric: `VTN / baseline throughput (rounds: ${tp.ratios.map((r) => `${Math.round(r * 100)}%`).join(' ')})`, value: `${(tp.ratio * 100).toFixed(0)} %`, target: '≥ 70 %', met: tp.ratio >= 0.7 },
    );

    stage('(a) idle polls at a fixed 1,000/s, open loop, VEN ids over the fleet');
    const rate = await loader.call<RateResult>('rate', { origin, path: `${vtn.prefix}/OadrPoll`, venIds: seeded.venIds, rate: 1000, durationS: 10, connections: 50 });
    rows.push({ scenario: 'a 1,000 polls/s', metric: `latency p50 / p99 / max (${rate.sent} polls, ${rate.failed} failed)`, value: `${rate.p50} / ${rate.p99} / ${rate.max} ms`, target: 'p99 < 10 ms', met: rate.p99 < 10 && rate.failed === 0 });

    stage(`(b) one event to ${VENS} VENs, each polls and acknowledges`);
    const added = await vtnChild.call<{ eventId: string; addMs: number }>('addEvent', { venIds: seeded.venIds });
    const fan = await loader.call<FanoutResult>('fanout', { origin, prefix: vtn.prefix, venIds: seeded.venIds, eventId: added.eventId, concurrency: 50, timeoutS: 60 });
    const recorded = await vtnChild.call<number>('countResponses', { eventId: added.eventId });
    if (fan.firstFailure) stage(`fan-out failure: ${fan.firstFailure}`);
    rows.push(
      { scenario: 'b fan-out', metric: `addEvent for ${VENS} VENs`, value: `${added.addMs.toFixed(0)} ms` },
      { scenario: 'b fan-out', metric: `all delivered + acknowledged (${fan.acknowledged} acks, ${recorded} recorded, ${fan.failures} failed)`, value: `${fan.ms} ms (${Math.round(fan.requests / (fan.ms / 1000))} req/s)`, target: '< 10000 ms', met: fan.ms < 10_000 && recorded === VENS && fan.failures === 0 },
    );

    stage('(c) telemetry ingest');
    const telemetry = await measureTelemetry({ loader, vtnChild, url: vtn.url, venIds: seeded.venIds.slice(0, 50), seconds: MAX_SECONDS });
    rows.push(...telemetryRows(telemetry));

    stage('(d) signed idle polls: a VTN child with XML signatures, VENs registered with signed messages');
    const signed = await measureSigned({ loader, vtnChildScript: join(HERE, 'vtn-child.js'), baselineUrl: base.baseUrl + base.path, workDir: work, seconds: MAX_SECONDS, logLevel: VTN_LOG, execArgv });
    await baseline.stop();
    if (typeof signed !== 'string' && signed.vtn.firstRefusal) stage(`signed poll refused: ${signed.vtn.firstRefusal}`);
    if (typeof signed !== 'string' && signed.problems.length) stage(`signed registration problems: ${signed.problems.slice(0, 3).join(' | ')}`);
    rows.push(...signedRows(signed));

    stage('in-process cost of one idle poll, stage by stage');
    const stages = await pollBreakdown();
    rows.push(...stages.map((c) => ({ scenario: 'cpu per poll', metric: c.stage, value: `${c.microseconds} µs` })));
    const updateStages = await updateBreakdown();
    rows.push(...updateStages.map((c) => ({ scenario: 'cpu per update', metric: `${c.stage} (10 values)`, value: `${c.microseconds} µs` })));

    const memory = await vtnChild.call<NodeJS.MemoryUsage>('memory');
    rows.push({ scenario: 'after load', metric: 'VTN RSS / heap used', value: `${mb(memory.rss)} / ${mb(memory.heapUsed)}`, target: '< 300 MB', met: memory.rss < 300 * 1024 * 1024 });
    await vtnChild.stop();

    const seconds = (performance.now() - began) / 1000;
    rows.push({ scenario: 'run', metric: 'machine load average (1 min) at start / end; ≥ 1 means other work competed', value: `${loadBefore.toFixed(2)} / ${loadavg()[0]!.toFixed(2)}` });
    rows.push({ scenario: 'run', metric: `whole run (${cpus().length} cores, node ${process.versions.node})`, value: `${seconds.toFixed(1)} s`, target: '< 180 s', met: seconds < 180 });
    console.log(formatTable(rows));
    console.log(JSON.stringify({ bench: 'openadr-vtn', cores: cpus().length, node: process.versions.node, vens: VENS, events: EVENTS, vtnLogLevel: VTN_LOG,
      baseline: tp.baseline, idleMax: tp.vtn, ratio: Number(tp.ratio.toFixed(3)), ratios: tp.ratios, rate1000: rate, fanout: { ...fan, recorded }, startup, telemetry, signed, pollStages: stages, updateStages, vtnMemory: memory, loadAverage: [Number(loadBefore.toFixed(2)), Number(loadavg()[0]!.toFixed(2))], seconds: Number(seconds.toFixed(1)),
      allTargetsMet: rows.every((r) => r.met !== false) }));
    if (PROFILE) stage(`CPU profile of the VTN written to ${PROFILE}`);
  } finally {
    await Promise.all(children.map((c) => c.stop().catch(() => undefined)));
    rmSync(work, { recursive: true, force: true });
  }
}

// `npm run bench` runs the load scenarios; `npm run bench -- hostile` only the hostile-input one.
const scenario = process.argv[2];
const run = scenario === undefined ? main()
  : scenario === 'hostile' ? runHostileBench(PACKAGE_ROOT, join(HERE, 'hostile-vtn-child.js'))
  : Promise.reject(new Error(`unknown bench scenario "${scenario}": run \`npm run bench\` (load) or \`npm run bench -- hostile\``));
run.catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
