// One poll from each VEN, `concurrency` in flight, timed from the first request to the last answer with undici
// (autocannon's start-up alone is ~0.8 s, which swamps a 2,000-request run): the rate of polls that read the store.
import { Pool } from 'undici';
import { summarise } from './latency-stats.js';
import { pollXml } from './xml-bodies.js';

export interface OnceJob { url: string; venIds: string[]; concurrency: number }
export interface OnceResult { rps: number; p50: number; p99: number; failed: number }

export async function runOnce(job: OnceJob): Promise<OnceResult> {
  const url = new URL(job.url);
  const pool = new Pool(url.origin, { connections: job.concurrency, pipelining: 1 });
  const bodies = job.venIds.map(pollXml);
  const latencies: number[] = [];
  let next = 0;
  let failed = 0;
  const start = performance.now();
  const worker = async () => {
    while (next < bodies.length) {
      const body = bodies[next++]!;
      const t = performance.now();
      try {
        const res = await pool.request({ path: url.pathname, method: 'POST', headers: { 'content-type': 'application/xml; charset=utf-8' }, body });
        await res.body.text();
        if (res.statusCode !== 200) failed++;
      } catch {
        failed++;
      }
      latencies.push(performance.now() - t);
    }
  };
  await Promise.all(Array.from({ length: job.concurrency }, worker));
  const seconds = (performance.now() - start) / 1000;
  await pool.close();
  const s = summarise(latencies);
  return { rps: Math.round(bodies.length / seconds), p50: s.p50, p99: s.p99, failed };
}
