// Scenario (a), maximum idle-poll throughput against the baseline: rounds alternate baseline and VTN so that
// other load on the machine hits both alike; the ratio is the median of the per-round ratios.
import type { ChildHandle } from './child-ipc.js';
import type { MaxJob, MaxResult } from './load-max.js';

export interface ThroughputResult { baseline: MaxResult; vtn: MaxResult; ratio: number; ratios: number[] }

export async function compareThroughput(opts: { loader: ChildHandle; baselineUrl: string; vtnUrl: string; venIds: string[]; rounds: number; seconds: number }): Promise<ThroughputResult> {
  const job = (url: string, durationS: number): MaxJob => ({ url, venIds: opts.venIds, connections: 50, durationS });
  // Warm both up (JIT, connection set-up) before anything counts.
  await opts.loader.call<MaxResult>('max', job(opts.baselineUrl, 1));
  await opts.loader.call<MaxResult>('max', job(opts.vtnUrl, 1));
  const rounds: { baseline: MaxResult; vtn: MaxResult }[] = [];
  for (let i = 0; i < opts.rounds; i++) {
    const baseline = await opts.loader.call<MaxResult>('max', job(opts.baselineUrl, opts.seconds));
    const vtn = await opts.loader.call<MaxResult>('max', job(opts.vtnUrl, opts.seconds));
    rounds.push({ baseline, vtn });
  }
  const ratios = rounds.map((r) => r.vtn.rps / r.baseline.rps);
  const median = [...rounds.keys()].sort((a, b) => ratios[a]! - ratios[b]!)[Math.floor(rounds.length / 2)]!;
  return { ...rounds[median]!, ratio: ratios[median]!, ratios: ratios.map((r) => Number(r.toFixed(3))) };
}
