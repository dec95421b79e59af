// The 1,000 polls/s run over several passes of the fleet: pass 1 (every VEN's first poll) is summarised apart from
// the later passes, and each pass polls every VEN once in the same order.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, expect, it } from 'vitest';
import { runRate } from '../../../src/bench/load-rate.js';

const seen: string[] = [];
const server = createServer((req, res) => {
  let body = '';
  req.on('data', (d: Buffer) => { body += d.toString(); });
  req.on('end', () => {
    seen.push(/<ei:venID>([^<]+)</.exec(body)?.[1] ?? '?');
    res.writeHead(200).end('<oadrResponse/>');
  });
});
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
const origin = () => `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

it('summarises pass 1 and the later passes apart, each VEN polled once per pass', async () => {
  const venIds = Array.from({ length: 20 }, (_, i) => `ven-${i}`);
  seen.length = 0;
  const r = await runRate({ origin: origin(), path: '/OadrPoll', venIds, rate: 1000, durationS: 0.06, connections: 4 });
  expect(r.sent).toBe(60);
  expect(r.failed).toBe(0);
  expect(r.passes?.first.count).toBe(20);
  expect(r.passes?.later.count).toBe(40);
  // Requests on several connections may arrive a little out of order, so count: three polls of each VEN.
  expect(venIds.map((v) => seen.filter((s) => s === v).length)).toEqual(venIds.map(() => 3));
});

it('has no passes when the run polls each VEN at most once', async () => {
  const r = await runRate({ origin: origin(), path: '/OadrPoll', venIds: Array.from({ length: 50 }, (_, i) => `v${i}`), rate: 1000, durationS: 0.02, connections: 4 });
  expect(r.sent).toBe(20);
  expect(r.passes).toBeUndefined();
});
