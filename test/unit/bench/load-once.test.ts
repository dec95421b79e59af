// The "first poll" pass: every VEN polls exactly once, answers other than 200 count as failed, the rate is over
// the pass itself.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, expect, it } from 'vitest';
import { runOnce } from '../../../src/bench/load-once.js';

const seen: string[] = [];
const server = createServer((req, res) => {
  let body = '';
  req.on('data', (d: Buffer) => { body += d.toString(); });
  req.on('end', () => {
    const venId = /<ei:venID>([^<]+)</.exec(body)?.[1] ?? '?';
    seen.push(venId);
    res.writeHead(venId === 'ven-000003' ? 500 : 200).end('ok');
  });
});
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

it('polls each VEN once with the given concurrency and counts refusals', async () => {
  const venIds = Array.from({ length: 40 }, (_, i) => `ven-${String(i + 1).padStart(6, '0')}`);
  const { port } = server.address() as AddressInfo;
  const result = await runOnce({ url: `http://127.0.0.1:${port}/OpenADR2/Simple/2.0b/OadrPoll`, venIds, concurrency: 5 });
  expect([...seen].sort()).toEqual(venIds);
  expect(result.failed).toBe(1);
  expect(result.rps).toBeGreaterThan(0);
  expect(result.p99).toBeGreaterThanOrEqual(result.p50);
});
