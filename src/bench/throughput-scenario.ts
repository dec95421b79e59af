// Scenario (a), maximum idle-poll throughput against the baseline: each round runs the baseline and then every VTN
// (one per store), so that other load on the machine hits them alike; each ratio is the median of per-round ratios.
// Right before its measured run each VTN gets one poll from every VEN of the set, so the measured run sees what VENs
// polling within the idle cache's window see; the first such pass is timed as the "cold" rate (every poll reads the store).
import type { ChildHandle } from './child-ipc.js';
import type { MaxJob, MaxResult } from './load-max.js';
import type { OnceResult } from './load-once.js';

export interface VtnThroughput { vtn: MaxResult; ratio: number; ratios: number[]; /** The first round's pass, each VEN's first poll. */ cold: OnceResult }
export interface ThroughputResult { baseline: MaxResult; byTarget: Record<string, VtnThroughput>; vens: number }

/** The median of per-round a/b ratios, and the ratios themselves. */
export function medianRatio(a: readonly MaxResult[], b: readonly MaxResult[]): { ratio: number; ratios: number[]; round: number } {
  const ratios = a.map((r, i) => r.rps / b[i]!.rps);
  const sorted = [...ratios.keys()].sort((x, y) => ratios[x]! - ratios[y]!);
  // An even count has two middle rounds: the ratio is their mean, the round shown the lower one.
  const round = sorted[Math.floor((ratios.length - 1) / 2)]!;
  const ratio = ratios.length % 2 ? ratios[round]! : (ratios[round]! + ratios[sorted[ratios.length / 2]!]!) / 2;
  return { ratio, ratios: ratios.map((r) => Number(r.toFixed(3))), round };
}

/** VENs in the max-throughput set: few enough that a cold pass and the run fit in the 15 s idle-cache window. */
export const THROUGHPUT_VENS = 2000;

export async function compareThroughput(opts: { loader: ChildHandle; baselineUrl: string; vtnUrls: Record<string, string>; venIds: string[]; rounds: number; seconds: number }): Promise<ThroughputResult & { rounds: Record<string, MaxResult[]> }> {
  const venIds = opts.venIds.slice(0, THROUGHPUT_VENS);
  const job = (url: string, durationS: number, vens = venIds): MaxJob => ({ url, venIds: vens, connections: 50, durationS });
  const targets: [string, string][] = [['baseline', opts.baselineUrl], ...Object.entries(opts.vtnUrls)];
  // JIT and connection set-up before anything counts, with other VENs (when the fleet has them): the first cold pass stays cold.
  for (const [, url] of targets) await opts.loader.call<MaxResult>('max', job(url, 1, opts.venIds.slice(-THROUGHPUT_VENS)));
  const rounds: Record<string, MaxResult[]> = Object.fromEntries(targets.map(([name]) => [name, []]));
  const cold: Record<string, OnceResult[]> = {};
  for (let i = 0; i < opts.rounds; i++) {
    for (const [name, url] of roundOrder(targets, i)) {
      if (name !== 'baseline') (cold[name] ??= []).push(await opts.loader.call<OnceResult>('once', { url, venIds, concurrency: 50 }));
      rounds[name]!.push(await opts.loader.call<MaxResult>('max', job(url, opts.seconds)));
    }
  }
  const baselineRounds = rounds.baseline!;
  const byTarget = Object.fromEntries(Object.keys(opts.vtnUrls).map((name) => {
    const m = medianRatio(rounds[name]!, baselineRounds);
    return [name, { vtn: rounds[name]![m.round]!, ratio: m.ratio, ratios: m.ratios, cold: cold[name]![0]! }];
  }));
  const first = Object.keys(opts.vtnUrls)[0];
  const shown = first ? medianRatio(rounds[first]!, baselineRounds).round : 0;
  return { baseline: baselineRounds[shown]!, byTarget, rounds, vens: venIds.length };
}

/**
 * The targets in round i's order. The one measured right after another gains a little, and rotating alone keeps
 * who follows whom, so odd rounds also run backwards: over four rounds each target follows each other one.
 */
export function roundOrder<T>(targets: readonly T[], i: number): T[] {
  const shift = Math.floor(i / 2) % targets.length;
  const rotated = [...targets.slice(shift), ...targets.slice(0, shift)];
  return i % 2 === 1 ? rotated.reverse() : rotated;
}
