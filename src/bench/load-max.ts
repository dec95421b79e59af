// Closed-loop maximum throughput with autocannon: `connections` keep-alive connections, each sending its next
// message as soon as the last one is answered, cycling through the bodies (by default the VENs' polls).
import autocannon from 'autocannon';
import { pollXml } from './xml-bodies.js';

/** Bodies are polls of `venIds`, or the given `bodies` as they are. */
export interface MaxJob { url: string; venIds?: string[]; bodies?: string[]; connections: number; durationS: number }
export interface MaxResult { rps: number; total: number; p50: number; p99: number; errors: number; non2xx: number }

export async function runMax(job: MaxJob): Promise<MaxResult> {
  const bodies = job.bodies ?? (job.venIds ?? []).map(pollXml);
  if (bodies.length === 0) throw new Error('runMax needs venIds or bodies');
  let next = 0;
  const result = await autocannon({
    url: job.url,
    connections: job.connections,
    duration: job.durationS,
    method: 'POST',
    headers: { 'content-type': 'application/xml; charset=utf-8' },
    requests: [{ setupRequest: (req) => ({ ...req, body: bodies[next++ % bodies.length]! }) }],
  });
  return {
    rps: Math.round(result.requests.total / job.durationS),
    total: result.requests.total,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
  };
}
