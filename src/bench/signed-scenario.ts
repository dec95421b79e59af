// Scenario (d), signed idle polls: a second VTN child with XML signatures on (every reply signed, every signed VEN
// message verified and checked for replay), VENs registered with signed messages, then max throughput against
// the baseline answering the same signed bodies.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { generateCertificates } from '../security/generate-certificates.js';
import { ChildHandle } from './child-ipc.js';
import type { SignedPollResult, SignedSetupResult } from './load-signed.js';
import type { StageCost } from './poll-breakdown.js';
import type { Row } from './report-table.js';
import { signedPollBreakdown } from './signed-breakdown.js';
import type { VtnChildReady } from './vtn-child.js';

export interface SignedResult { vtn: SignedPollResult; baseline: SignedPollResult; ratio: number; vens: number; problems: string[]; stages: StageCost[] }

const VENS = 50;

export async function measureSigned(opts: { loader: ChildHandle; vtnChildScript: string; baselineUrl: string; workDir: string; seconds: number; logLevel: string; execArgv?: string[] }): Promise<SignedResult | string> {
  let certs: ReturnType<typeof generateCertificates>;
  try {
    certs = generateCertificates(join(opts.workDir, 'certs'), { vens: ['bench-ven'] });
  } catch (err) {
    return `not run: ${(err as Error).message}`;
  }
  const ven = certs.vens.find((c) => c.name === 'bench-ven-rsa')!;
  const dataDir = join(opts.workDir, 'signed-data');
  mkdirSync(dataDir, { recursive: true });
  const child = new ChildHandle(opts.vtnChildScript, [dataDir, opts.logLevel, JSON.stringify({ cert: certs.vtn.rsa.cert, key: certs.vtn.rsa.key })], { execArgv: opts.execArgv ?? [] });
  try {
    const vtn = (await child.ready) as VtnChildReady;
    const origin = vtn.baseUrl;
    const reg = await opts.loader.call<SignedSetupResult>('registerSigned', { origin, prefix: vtn.prefix, count: VENS, cert: ven.cert, key: ven.key });
    if (reg.venIds.length === 0) throw new Error(`no VEN registered with signatures: ${reg.problems[0] ?? 'no reason given'}`);
    const job = (url: string, bodies: number, once: boolean) => ({ url, venIds: reg.venIds, cert: ven.cert, key: ven.key, bodies, connections: 50, maxS: once ? opts.seconds * 4 : opts.seconds, once });
    // Warm-up (JIT, connections), which also tells how many fresh bodies a measured run needs.
    const warm = await opts.loader.call<SignedPollResult>('signedPolls', job(`${vtn.url}/OadrPoll`, 300, true));
    const bodies = Math.min(8000, Math.max(600, Math.round(warm.rps * opts.seconds * 1.2)));
    const measured = await opts.loader.call<SignedPollResult>('signedPolls', job(`${vtn.url}/OadrPoll`, bodies, true));
    const baseline = await opts.loader.call<SignedPollResult>('signedPolls', job(opts.baselineUrl, 500, false));
    const stages = signedPollBreakdown(ven, certs.vtn.rsa);
    return { vtn: measured, baseline, ratio: measured.rps / baseline.rps, vens: reg.venIds.length, problems: reg.problems, stages };
  } finally {
    await child.stop();
  }
}

export function signedRows(result: SignedResult | string): Row[] {
  if (typeof result === 'string') return [{ scenario: 'd signed polls', metric: 'max polls/s with XML signatures', value: result }];
  const { vtn, baseline } = result;
  const refused = (vtn.refused ?? 0) + vtn.errors + vtn.non2xx;
  return [
    { scenario: 'd baseline', metric: 'max polls/s, the same signed bodies (parse only, no check)', value: `${baseline.rps} (p99 ${baseline.p99} ms)` },
    { scenario: 'd signed polls', metric: `max polls/s, each verified + reply signed (${result.vens} VENs, ${vtn.total} polls, ${refused} refused)`, value: `${vtn.rps} (p99 ${vtn.p99} ms)`, target: '0 refused', met: refused === 0 },
    { scenario: 'd signed polls', metric: 'VTN / baseline throughput with signatures', value: `${(result.ratio * 100).toFixed(1)} %` },
    ...result.stages.map((c) => ({ scenario: 'cpu per signed poll', metric: c.stage, value: `${c.microseconds} µs` })),
  ];
}
