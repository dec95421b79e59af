// Open-loop fixed rate: request i is due at start + i/rate whatever happened to earlier ones, and its latency
// counts from when it was due (so a stalled server shows up as latency, not as a slower sender).
import { Pool } from 'undici';
import { summarise, type LatencySummary } from './latency-stats.js';
import { pollXml } from './xml-bodies.js';

export interface RateJob { origin: string; path: string; venIds: string[]; rate: number; durationS: number; connections: number }
export interface RateResult extends LatencySummary { sent: number; failed: number; achievedRps: number }

export async function runRate(job: RateJob): Promise<RateResult> {
  const pool = new Pool(job.origin, { connections: job.connections, pipelining: 1 });
  const total = Math.round(job.rate * job.durationS);
  // Spread VEN ids over the fleet: a stride coprime-ish to the fleet size visits many different VENs.
  const bodies = Array.from({ length: Math.min(total, job.venIds.length) }, (_, i) => pollXml(job.venIds[(i * 7919) % job.venIds.length]!));
  const latencies: number[] = [];
  let failed = 0;
  let sent = 0;
  const inflight = new Set<Promise<void>>();
  const start = performance.now();
  const send = (due: number, body: string) => {
    const p = pool.request({ path: job.path, method: 'POST', headers: { 'content-type': 'application/xml; charset=utf-8' }, body })
      .then(async (res) => {
        const text = await res.body.text();
        if (res.statusCode !== 200 || !text.includes('oadrResponse')) failed++;
        latencies.push(performance.now() - due);
      }, () => { failed++; })
      .finally(() => inflight.delete(p));
    inflight.add(p);
  };
  await new Promise<void>((resolve) => {
    const tick = () => {
      const now = performance.now();
      while (sent < total && start + (sent * 1000) / job.rate <= now) {
        send(start + (sent * 1000) / job.rate, bodies[sent % bodies.length]!);
        sent++;
      }
      if (sent < total) setTimeout(tick, 1); else resolve();
    };
    tick();
  });
  await Promise.all(inflight);
  const elapsed = (performance.now() - start) / 1000;
  await pool.close();
  return { ...summarise(latencies), sent, failed, achievedRps: Math.round(sent / elapsed) };
}
