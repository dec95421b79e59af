// Push fan-out (issue #14): one event to N push VENs (one endpoint process on loopback answering per-VEN paths
// like the field push VEN), timed until every VEN received it and every oadrCreatedEvent was recorded; and the
// VTN's idle polls (pull VENs) with and without pushes running: at the field rate and at its maximum.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { BenchArgs } from './bench-args.js';
import type { BenchPostgres } from './bench-postgres.js';
import { newState, type BenchStoreKind } from './bench-state.js';
import { ChildHandle } from './child-ipc.js';
import type { MaxResult } from './load-max.js';
import type { RateResult } from './load-rate.js';
import type { EndpointsReady, PushRound } from './push-endpoints.js';
import { seedState } from './seed-state.js';
import { perStore, type SideRow } from './side-table.js';
import type { VtnChildReady } from './vtn-child.js';

/** Pull VENs that poll while the push VENs are pushed to. */
const POLLING_VENS = 2000;
/** Push VENs of their own (a tenth of the measured ones) that get one event before anything counts: the push path's code is compiled, as the poll path's is. */
const warmPushVens = (pushVens: number) => Math.max(50, Math.round(pushVens / 10));
const TARGET_MS = 5000;

export interface PushOnStore {
  first: PushRound & { addMs: number; recorded: number; cpuMsPerVen: number };
  /** Fan-outs run back to back while the poll load ran. */
  during: { rounds: number; worstAckedMs: number };
  rate: { alone: RateResult; withPushes: RateResult };
  max: { alone: MaxResult; withPushes: MaxResult };
  summary: { delivered: number; failed: number };
}

interface Ctx { args: BenchArgs; pg: BenchPostgres | undefined; work: string; here: string; logLevel: string; execArgv: string[]; stage: (s: string) => void }

export async function runPushOnStores(o: Ctx): Promise<Partial<Record<BenchStoreKind, PushOnStore>>> {
  const out: Partial<Record<BenchStoreKind, PushOnStore>> = {};
  const endpoints = new ChildHandle(join(o.here, 'push-endpoints.js'), []);
  const loader = new ChildHandle(join(o.here, 'load-worker.js'), []);
  try {
    const { port } = (await endpoints.ready) as EndpointsReady;
    await loader.ready;
    for (const kind of o.args.stores) out[kind] = await onStore(o, kind, port, endpoints, loader);
  } finally {
    await Promise.all([endpoints.stop().catch(() => undefined), loader.stop().catch(() => undefined)]);
  }
  return out;
}

async function onStore(o: Ctx, kind: BenchStoreKind, port: number, endpoints: ChildHandle, loader: ChildHandle): Promise<PushOnStore> {
  const pushVens = o.args.sizes.vens;
  const warmVens = warmPushVens(pushVens);
  const state = await newState(kind, join(o.work, `push-${kind}`), o.pg, 'push');
  mkdirSync(state.dataDir, { recursive: true });
  o.stage(`${kind}: seeding ${pushVens} push VENs and ${warmVens} more for the warm-up (endpoints on 127.0.0.1:${port}), and ${POLLING_VENS} polling VENs`);
  const seeded = await seedState({ state, vens: pushVens + warmVens + POLLING_VENS, events: 0, now: new Date(), push: { count: pushVens + warmVens, address: (venId) => `http://127.0.0.1:${port}/ven/${venId}/OpenADR2/Simple/2.0b` } });
  const targets = seeded.venIds.slice(0, pushVens);
  const warmTargets = seeded.venIds.slice(pushVens, pushVens + warmVens);
  const pollers = seeded.venIds.slice(pushVens + warmVens);
  const child = new ChildHandle(join(o.here, 'vtn-child.js'), [state.dataDir, o.logLevel, '', state.store ? JSON.stringify(state.store) : '', JSON.stringify({ allowLoopback: true })], { execArgv: o.execArgv });
  try {
    const vtn = (await child.ready) as VtnChildReady;
    await endpoints.call('target', { origin: vtn.baseUrl, prefix: vtn.prefix });
    const pollUrl = `${vtn.url}/OadrPoll`;
    let n = 0;
    const pushTo = async (venIds: string[], eventId: string, startInH: number): Promise<PushRound & { addMs: number }> => {
      await endpoints.call('arm', { eventId, count: venIds.length });
      const { addMs } = await child.call<{ addMs: number }>('addEvent', { venIds, eventId, startInH });
      return { ...(await endpoints.call<PushRound>('wait', { timeoutS: 120 })), addMs };
    };
    const fanOut = () => pushTo(targets, `push-fanout-${kind}-${++n}`, 2 * n);
    // JIT and connections warm before anything counts: polls, and one event pushed to VENs of their own.
    await loader.call<MaxResult>('max', { url: pollUrl, venIds: pollers, connections: 50, durationS: 1 });
    const warm = await pushTo(warmTargets, `push-warmup-${kind}`, 1);
    if (warm.acked !== warmVens) throw new Error(`the push warm-up reached ${warm.acked} of ${warmVens} VENs${warm.firstFailure ? `: ${warm.firstFailure}` : ''}`);

    o.stage(`${kind}: one event to ${pushVens} push VENs, until every oadrCreatedEvent is recorded`);
    // With BENCH_CPU_PROF, this fan-out alone also gets a profile of its own (the whole-run one mixes in the polls).
    const profileDir = process.env.BENCH_CPU_PROF;
    if (profileDir) await child.call('profile', { start: true });
    const cpuBefore = await child.call<number>('cpuMs');
    const round = await fanOut();
    // The VTN's own CPU for the whole fan-out (event, pushes, acknowledgements, commits), whatever else ran on the machine.
    const cpuMsPerVen = ((await child.call<number>('cpuMs')) - cpuBefore) / pushVens;
    if (profileDir) await child.call('profile', { path: join(profileDir, `push-fanout-${kind}.cpuprofile`) });
    const first = { ...round, cpuMsPerVen, recorded: await child.call<number>('countResponses', { eventId: `push-fanout-${kind}-1` }) };
    o.stage(`${kind}: fan-out ${first.receivedMs} ms received, ${first.ackedMs} ms acknowledged (${first.acked}/${pushVens}, ${first.failures} failed${first.firstFailure ? `: ${first.firstFailure}` : ''}), VTN CPU ${cpuMsPerVen.toFixed(3)} ms per VEN`);

    const { rateSeconds, seconds } = o.args.sizes;
    const rateJob = { origin: vtn.baseUrl, path: `${vtn.prefix}/OadrPoll`, venIds: pollers, rate: 1000, durationS: rateSeconds, connections: 50 };
    const maxJob = { url: pollUrl, venIds: pollers, connections: 50, durationS: seconds };
    o.stage(`${kind}: idle polls without pushes: 1,000/s for ${rateSeconds} s, then the maximum for ${seconds} s`);
    const rateAlone = await loader.call<RateResult>('rate', rateJob);
    const maxAlone = await loader.call<MaxResult>('max', maxJob);
    o.stage(`${kind}: the same while fan-outs to ${pushVens} push VENs run back to back`);
    const during = { rounds: 0, worstAckedMs: 0 };
    const whilePushing = async <T>(load: Promise<T>): Promise<T> => {
      let finished = false;
      const result = load.finally(() => { finished = true; });
      while (!finished) {
        const r = await fanOut();
        during.rounds++;
        during.worstAckedMs = Math.max(during.worstAckedMs, Number.isNaN(r.ackedMs) ? Infinity : r.ackedMs);
      }
      return result;
    };
    const rateWith = await whilePushing(loader.call<RateResult>('rate', rateJob));
    const maxWith = await whilePushing(loader.call<MaxResult>('max', maxJob));
    const summary = await child.call<{ delivered: number; failed: number }>('pushSummary');
    return { first, during, rate: { alone: rateAlone, withPushes: rateWith }, max: { alone: maxAlone, withPushes: maxWith }, summary: { delivered: summary.delivered, failed: summary.failed } };
  } finally {
    await child.stop();
  }
}

export function pushRows(r: Partial<Record<BenchStoreKind, PushOnStore>>, vens: number): SideRow[] {
  const pct = (x: number) => `${(x * 100).toFixed(0)} %`;
  return [
    perStore('push fan-out', `addEvent for ${vens} push VENs`, r, (p) => `${p.first.addMs.toFixed(0)} ms`),
    perStore('push fan-out', 'every VEN received it / every oadrCreatedEvent recorded (recorded, failed)', r,
      (p) => `${p.first.receivedMs} / ${p.first.ackedMs} ms (${p.first.recorded}, ${p.first.failures}; VTN CPU ${p.first.cpuMsPerVen.toFixed(2)} ms per VEN)`,
      { target: `< ${TARGET_MS} ms`, ok: (p) => p.first.ackedMs < TARGET_MS && p.first.recorded === vens && p.first.failures === 0 }),
    perStore('push fan-out', 'pushes delivered / failed over the run (fan-outs during the poll load)', r, (p) => `${p.summary.delivered} / ${p.summary.failed} (${p.during.rounds} rounds, slowest ${p.during.worstAckedMs} ms)`),
    perStore('push + polls', `idle polls at 1,000/s (${POLLING_VENS} pull VENs): answered/s and p99, alone → with pushes`, r,
      (p) => `${p.rate.alone.achievedRps} (p99 ${p.rate.alone.p99} ms) → ${p.rate.withPushes.achievedRps} (p99 ${p.rate.withPushes.p99} ms, ${p.rate.withPushes.failed} failed)`,
      { target: 'with pushes ≥ 90 % of alone', ok: (p) => p.rate.withPushes.achievedRps >= 0.9 * p.rate.alone.achievedRps && p.rate.withPushes.failed === 0 }),
    perStore('push + polls', 'max idle polls/s, alone → with pushes (one process shares its CPU)', r,
      (p) => `${p.max.alone.rps} → ${p.max.withPushes.rps} (${pct(p.max.withPushes.rps / p.max.alone.rps)})`),
  ];
}
