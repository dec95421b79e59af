// Open-loop fixed rate: request i is due at start + i/rate whatever happened to earlier ones, and its latency
// counts from when it was due (so a stalled server shows up as latency, not as a slower sender).
import { Pool } from 'undici';
import { summarise, type LatencySummary } from './latency-stats.js';
import { pollXml } from './xml-bodies.js';

/** One request of a rate run other than a 2.0b poll (e.g. a 3.1 GET with a VEN's token), and what counts as answered. */
export interface RateRequest { path: string; method: 'GET' | 'POST'; headers: Record<string, string>; body?: string }

export interface RateJob {
  origin: string; path: string; venIds: string[]; rate: number; durationS: number; connections: number;
  /** Request i instead of VEN i's poll; with `accept` judging the answer. */
  request?: (i: number) => RateRequest;
  accept?: (status: number, text: string) => boolean;
}
export interface RateResult extends LatencySummary {
  sent: number; failed: number; achievedRps: number;
  /** A 2.0b poll run longer than one pass over the VENs: pass 1 (after a start, every VEN's first poll) and the later ones. */
  passes?: { first: LatencySummary; later: LatencySummary };
}

export async function runRate(job: RateJob): Promise<RateResult> {
  const pool = new Pool(job.origin, { connections: job.connections, pipelining: 1 });
  const total = Math.round(job.rate * job.durationS);
  // Spread VEN ids over the fleet: a stride coprime-ish to the fleet size visits many different VENs.
  const bodies = job.request ? [] : Array.from({ length: Math.min(total, job.venIds.length) }, (_, i) => pollXml(job.venIds[(i * 7919) % job.venIds.length]!));
  const requestOf = job.request ?? ((i: number): RateRequest => ({ path: job.path, method: 'POST', headers: { 'content-type': 'application/xml; charset=utf-8' }, body: bodies[i % bodies.length]! }));
  const accept = job.accept ?? ((status: number, text: string) => status === 200 && text.includes('oadrResponse'));
  const latencies: number[] = [];
  // Pass k is requests k·n … (k+1)·n − 1: every VEN polled once, in the same order each pass.
  const firstPass: number[] = [];
  const laterPasses: number[] = [];
  let failed = 0;
  let sent = 0;
  const inflight = new Set<Promise<void>>();
  const start = performance.now();
  const send = (due: number, i: number) => {
    const p = pool.request(requestOf(i))
      .then(async (res) => {
        const text = await res.body.text();
        if (!accept(res.statusCode, text)) failed++;
        const ms = performance.now() - due;
        latencies.push(ms);
        if (bodies.length) (i < bodies.length ? firstPass : laterPasses).push(ms);
      }, () => { failed++; })
      .finally(() => inflight.delete(p));
    inflight.add(p);
  };
  await new Promise<void>((resolve) => {
    const tick = () => {
      const now = performance.now();
      while (sent < total && start + (sent * 1000) / job.rate <= now) {
        send(start + (sent * 1000) / job.rate, sent);
        sent++;
      }
      if (sent < total) setTimeout(tick, 1); else resolve();
    };
    tick();
  });
  await Promise.all(inflight);
  const elapsed = (performance.now() - start) / 1000;
  await pool.close();
  const passes = laterPasses.length ? { first: summarise(firstPass), later: summarise(laterPasses) } : undefined;
  return { ...summarise(latencies), sent, failed, achievedRps: Math.round(sent / elapsed), ...(passes ? { passes } : {}) };
}
