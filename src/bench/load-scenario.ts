// The load scenarios (a)–(e) on every chosen store in one run: each store gets the same seeded fleet and a VTN
// process of its own; one load generator and one baseline serve them all, and throughput rounds alternate.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { BaselineReady } from './baseline-server.js';
import type { BenchArgs } from './bench-args.js';
import type { BenchPostgres } from './bench-postgres.js';
import { newState, stateBytes, type BenchState, type BenchStoreKind } from './bench-state.js';
import { ChildHandle } from './child-ipc.js';
import { statementsPerAcknowledgedVen, type FanoutResult } from './load-fanout.js';
import type { RateResult } from './load-rate.js';
import type { RegisterResult } from './load-register.js';
import { pollBreakdown, type StageCost } from './poll-breakdown.js';
import { seedState } from './seed-state.js';
import { measureSigned, type SignedResult } from './signed-scenario.js';
import { measureStartup, type StartupResult } from './startup-scenario.js';
import { measureTelemetry, type TelemetryResult } from './telemetry-scenario.js';
import { compareThroughput, medianRatio, type ThroughputResult } from './throughput-scenario.js';
import { REFERENCE_COMMIT, startReferenceVtn } from './reference-vtn.js';
import { updateBreakdown } from './update-breakdown.js';
import type { VtnChildReady } from './vtn-child.js';

/** Passes over the fleet of the 1,000 polls/s run: the first after a start, then steady operation. */
export const RATE_PASSES = 3;

export interface StoreLoad {
  seededBytes: number;
  startup: StartupResult;
  register: RegisterResult;
  rate: RateResult & { queriesPerPoll: number; loop: { p99Ms: number; maxMs: number } };
  fanout: FanoutResult & { recorded: number; addMs: number; queriesPerVen: number; rowsAdded?: { byAddEvent: number; byFanout: number } };
  telemetry: TelemetryResult | string;
  memory: NodeJS.MemoryUsage;
}

export interface LoadResult {
  byStore: Partial<Record<BenchStoreKind, StoreLoad>>;
  throughput: ThroughputResult;
  /** The 1,000 polls/s run against the bare fastify baseline. */
  baselineRate: RateResult;
  /** PostgreSQL's idle polls over the file store's, median of per-round ratios (both stores run). */
  postgresToFile?: { ratio: number; ratios: number[] };
  /** The file store's idle polls over the VTN before the async store's, same run (with BENCH_REFERENCE_VTN). */
  fileToReference?: { ratio: number; ratios: number[]; referenceRps: number };
  signed: SignedResult | string;
  pollStages: StageCost[];
  updateStages: StageCost[];
}

interface Running { kind: BenchStoreKind; state: BenchState; child: ChildHandle; vtn: VtnChildReady; venIds: string[] }

export async function runLoad(opts: { args: BenchArgs; pg: BenchPostgres | undefined; work: string; here: string; packageRoot: string; logLevel: string; execArgv: string[]; stage: (s: string) => void }): Promise<LoadResult> {
  const { sizes, stores } = opts.args;
  const children: ChildHandle[] = [];
  const byStore: Partial<Record<BenchStoreKind, StoreLoad>> = {};
  const partial: Partial<Record<BenchStoreKind, Partial<StoreLoad>>> = {};
  try {
    const running: Running[] = [];
    for (const kind of stores) {
      const state = await newState(kind, join(opts.work, `${kind}-data`), opts.pg, 'load');
      mkdirSync(state.dataDir, { recursive: true });
      opts.stage(`${kind}: seeding ${sizes.vens} VENs and ${sizes.events} events`);
      const seeded = await seedState({ state, vens: sizes.vens, events: sizes.events, now: new Date() });
      const seededBytes = await stateBytes(state, opts.pg);
      opts.stage(`${kind}: (e) start-up of \`vtn start\` on the seeded state`);
      const startup = await measureStartup({ packageRoot: opts.packageRoot, state, workDir: opts.work, venId: seeded.venIds[0]! });
      const child = new ChildHandle(join(opts.here, 'vtn-child.js'), [state.dataDir, opts.logLevel, '', state.store ? JSON.stringify(state.store) : ''], { execArgv: opts.execArgv });
      children.push(child);
      const vtn = (await child.ready) as VtnChildReady;
      running.push({ kind, state, child, vtn, venIds: seeded.venIds });
      partial[kind] = { seededBytes, startup };
    }
    const loader = new ChildHandle(join(opts.here, 'load-worker.js'), []);
    const baseline = new ChildHandle(join(opts.here, 'baseline-server.js'), []);
    children.push(loader, baseline);
    await loader.ready;
    const base = (await baseline.ready) as BaselineReady;

    for (const r of running) partial[r.kind]!.register = await loader.call<RegisterResult>('register', { origin: r.vtn.baseUrl, prefix: r.vtn.prefix, count: 20 });

    const reference = stores.includes('file')
      ? await startReferenceVtn({ checkout: opts.args.referenceVtn, workDir: opts.work, vens: sizes.vens, events: sizes.events, stage: opts.stage })
      : undefined;
    if (reference) children.push(reference.child);
    // Both fleets are polled with the file store's VEN ids: the reference must have seeded the same ones.
    if (reference && reference.venIds.join() !== running[0]!.venIds.join()) {
      throw new Error(`the reference VTN (${opts.args.referenceVtn}) seeded other VEN ids than this bench (${reference.venIds[0]} …): check out ${REFERENCE_COMMIT}`);
    }
    const vtnUrls = Object.fromEntries(running.map((r) => [r.kind, `${r.vtn.url}/OadrPoll`]));
    if (reference) vtnUrls.reference = `${reference.vtn.url}/OadrPoll`;
    opts.stage(`(a) idle polls, max throughput, 50 connections, ${sizes.rounds} round(s): baseline, ${Object.keys(vtnUrls).join(', ')}`);
    const venIds = running[0]!.venIds;
    const tp = await compareThroughput({ loader, baselineUrl: base.baseUrl + base.path, vtnUrls, venIds, rounds: sizes.rounds, seconds: sizes.seconds });
    const postgresToFile = tp.rounds.file && tp.rounds.postgres ? medianRatio(tp.rounds.postgres, tp.rounds.file) : undefined;
    const toReference = tp.rounds.file && tp.rounds.reference ? medianRatio(tp.rounds.file, tp.rounds.reference) : undefined;
    const fileToReference = toReference ? { ratio: toReference.ratio, ratios: toReference.ratios, referenceRps: tp.rounds.reference![toReference.round]!.rps } : undefined;
    await reference?.child.stop();

    // The same open-loop run against the bare server: what the machine and the load generator alone give (the floor).
    // Three passes over the fleet: pass 1 is each VEN's first poll since the start, the later ones a fleet that polls
    // every (VENs / 1,000) s — the idle cache and the presence writes as they are in steady operation.
    const rateSeconds = Math.max(sizes.rateSeconds, (RATE_PASSES * venIds.length) / 1000);
    opts.stage(`baseline: (a) idle polls at a fixed 1,000/s for ${rateSeconds} s, open loop`);
    const baselineRate = await loader.call<RateResult>('rate', { origin: base.baseUrl, path: base.path, venIds, rate: 1000, durationS: rateSeconds, connections: 50 });
    for (const r of running) {
      opts.stage(`${r.kind}: (a) idle polls at a fixed 1,000/s for ${rateSeconds} s (${RATE_PASSES} passes over the fleet), open loop`);
      const q0 = await r.child.call<number>('storeQueries');
      await r.child.call('loopDelay', { start: true });
      const rate = await loader.call<RateResult>('rate', { origin: r.vtn.baseUrl, path: `${r.vtn.prefix}/OadrPoll`, venIds: r.venIds, rate: 1000, durationS: rateSeconds, connections: 50 });
      const q1 = await r.child.call<number>('storeQueries');
      const loop = await r.child.call<{ p99Ms: number; maxMs: number }>('loopDelay', {});
      partial[r.kind]!.rate = { ...rate, queriesPerPoll: (q1 - q0) / Math.max(1, rate.sent), loop };
    }
    for (const r of running) {
      opts.stage(`${r.kind}: (b) one event to ${r.venIds.length} VENs, each polls and acknowledges`);
      partial[r.kind]!.fanout = await fanout(r, loader, opts.pg);
      if (partial[r.kind]!.fanout!.firstFailure) opts.stage(`${r.kind}: fan-out failure: ${partial[r.kind]!.fanout!.firstFailure}`);
    }
    for (const r of running) {
      opts.stage(`${r.kind}: (c) telemetry ingest`);
      partial[r.kind]!.telemetry = await measureTelemetry({ loader, vtnChild: r.child, url: r.vtn.url, venIds: r.venIds.slice(0, 50), seconds: sizes.seconds });
      partial[r.kind]!.memory = await r.child.call<NodeJS.MemoryUsage>('memory');
    }
    await Promise.all(running.map((r) => r.child.stop()));

    // Signatures cost the same on every store (RSA and XML canonicalisation): measured once, on files.
    opts.stage('(d) signed idle polls (file store)');
    const signed = await measureSigned({ loader, vtnChildScript: join(opts.here, 'vtn-child.js'), baselineUrl: base.baseUrl + base.path, workDir: opts.work, seconds: sizes.seconds, logLevel: opts.logLevel, execArgv: opts.execArgv });
    opts.stage('in-process cost of one idle poll and one update, stage by stage');
    const pollStages = await pollBreakdown();
    const updateStages = await updateBreakdown();
    for (const kind of stores) byStore[kind] = partial[kind] as StoreLoad;
    return { byStore, throughput: tp, baselineRate, ...(postgresToFile ? { postgresToFile } : {}), ...(fileToReference ? { fileToReference } : {}), signed, pollStages, updateStages };
  } finally {
    await Promise.all(children.map((c) => c.stop().catch(() => undefined)));
  }
}

async function fanout(r: Running, loader: ChildHandle, pg: BenchPostgres | undefined): Promise<StoreLoad['fanout']> {
  const url = r.state.store?.url;
  const rows0 = url ? await pg!.rowCounts(url) : undefined;
  const added = await r.child.call<{ eventId: string; addMs: number }>('addEvent', { venIds: r.venIds });
  const rows1 = url ? await pg!.rowCounts(url) : undefined;
  const q0 = await r.child.call<number>('storeQueries');
  const fan = await loader.call<FanoutResult>('fanout', { origin: r.vtn.baseUrl, prefix: r.vtn.prefix, venIds: r.venIds, eventId: added.eventId, concurrency: 50, timeoutS: 60 });
  const q1 = await r.child.call<number>('storeQueries');
  const recorded = await r.child.call<number>('countResponses', { eventId: added.eventId });
  const rows2 = url ? await pg!.rowCounts(url) : undefined;
  const total = (c: { records: number; index: number }) => c.records + c.index;
  return {
    ...fan, recorded, addMs: added.addMs, queriesPerVen: statementsPerAcknowledgedVen(q1 - q0, fan),
    ...(rows0 && rows1 && rows2 ? { rowsAdded: { byAddEvent: total(rows1) - total(rows0), byFanout: total(rows2) - total(rows1) } } : {}),
  };
}
