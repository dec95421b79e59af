// Closed-loop maximum throughput with autocannon: `connections` keep-alive connections, each sending its next
// message as soon as the last one is answered, cycling through the bodies (by default the VENs' polls).
import autocannon from 'autocannon';
import { pollXml } from './xml-bodies.js';

/**
 * Bodies are polls of `venIds`, or the given `bodies` as they are. With `amount` the run stops after that many
 * requests (at most `durationS`) and the rate is over the time taken; `countRefusals` reads every reply for an
 * in-band error code (an OpenADR refusal still comes with HTTP 200).
 */
export interface MaxJob { url: string; venIds?: string[]; bodies?: string[]; connections: number; durationS: number; amount?: number; countRefusals?: boolean }
export interface MaxResult { rps: number; total: number; p50: number; p99: number; errors: number; non2xx: number; refused?: number; firstRefusal?: string }

export async function runMax(job: MaxJob): Promise<MaxResult> {
  const bodies = job.bodies ?? (job.venIds ?? []).map(pollXml);
  if (bodies.length === 0) throw new Error('runMax needs venIds or bodies');
  let next = 0;
  let refused = 0;
  let firstRefusal: string | undefined;
  const onResponse = (_status: number, body: string) => {
    const code = /responseCode>(\d+)</.exec(body)?.[1];
    if (code === undefined || code === '200') return;
    refused += 1;
    firstRefusal ??= body.slice(0, 400);
  };
  const started = performance.now();
  const result = await autocannon({
    url: job.url,
    connections: job.connections,
    duration: job.durationS,
    ...(job.amount !== undefined ? { amount: job.amount } : {}),
    method: 'POST',
    headers: { 'content-type': 'application/xml; charset=utf-8' },
    requests: [{ setupRequest: (req) => ({ ...req, body: bodies[next++ % bodies.length]! }), ...(job.countRefusals ? { onResponse } : {}) }],
  });
  const seconds = job.amount !== undefined ? (performance.now() - started) / 1000 : job.durationS;
  return {
    ...(job.countRefusals ? { refused, ...(firstRefusal ? { firstRefusal } : {}) } : {}),
    rps: Math.round(result.requests.total / seconds),
    total: result.requests.total,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
  };
}
