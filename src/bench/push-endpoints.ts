// The push fan-out's 10,000 VENs, in one child process: one HTTP server on loopback answering per-VEN paths
// (/ven/<venId>/OpenADR2/Simple/2.0b/EiEvent) like the field push VEN of issue #14 — an empty 200 to the pushed
// oadrDistributeEvent, then oadrCreatedEvent (empty requestID) as its own request to the VTN.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { sendPush } from '../push/push-request.js';
import { serveIpc } from './child-ipc.js';
import { createdEventXml } from './xml-bodies.js';

export interface EndpointsReady { port: number }
export interface PushRound { receivedMs: number; ackedMs: number; received: number; acked: number; failures: number; firstFailure?: string; timedOut: boolean }

const PATH = /^\/ven\/([^/]+)\/OpenADR2\/Simple\/2\.0b\/(\w+)$/;
let vtn: { eiEvent: URL } | undefined;
let round: { eventId: string; count: number; start: number; received: Set<string>; acked: Set<string>; receivedAt: number; ackedAt: number; failures: number; firstFailure?: string; done?: () => void } | undefined;

const server = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    const m = PATH.exec(req.url ?? '');
    const body = Buffer.concat(chunks).toString('utf8');
    if (!m || m[2] !== 'EiEvent' || !body.includes('oadrDistributeEvent')) {
      res.writeHead(m ? 400 : 404).end();
      return;
    }
    res.writeHead(200).end();
    const venId = decodeURIComponent(m[1]!);
    const r = round;
    if (!r || !body.includes(`>${r.eventId}<`)) return;
    if (!r.received.has(venId)) {
      r.received.add(venId);
      if (r.received.size === r.count) r.receivedAt = performance.now();
    }
    void acknowledge(r, venId);
  });
});

/** The VEN's own oadrCreatedEvent, its eiResponse requestID empty as the field VEN sends it. */
async function acknowledge(r: NonNullable<typeof round>, venId: string): Promise<void> {
  try {
    // The VTN's own plain-HTTP client (undici's low-level dispatch): these 10,000 VENs share the VTN's two cores,
    // and their CPU per acknowledgement is best spent as sparingly as the VTN's.
    const url = vtn!.eiEvent;
    const res = await sendPush({ target: { url, address: url.hostname, port: Number(url.port) }, body: createdEventXml(venId, '', r.eventId, 0), timeoutMs: 60_000, maxResponseBytes: 1 << 20 });
    if (!res.ok) throw new Error(`oadrCreatedEvent of ${venId}: ${res.error}`);
    if (res.status !== 200 || !/responseCode>200</.test(res.body)) throw new Error(`oadrCreatedEvent of ${venId}: HTTP ${res.status} ${res.body.slice(0, 300)}`);
    r.acked.add(venId);
    if (r.acked.size === r.count) {
      r.ackedAt = performance.now();
      r.done?.();
    }
  } catch (err) {
    r.failures++;
    r.firstFailure ??= (err as Error).message;
  }
}

await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
server.keepAliveTimeout = 65_000;

serveIpc({
  /** Where the VENs send their own requests. */
  target: (args: { origin: string; prefix: string }) => {
    vtn = { eiEvent: new URL(`${args.origin}${args.prefix}/EiEvent`) };
    return null;
  },
  /** Start the clock for one event pushed to `count` VENs. */
  arm: (args: { eventId: string; count: number }) => {
    round = { eventId: args.eventId, count: args.count, start: performance.now(), received: new Set(), acked: new Set(), receivedAt: 0, ackedAt: 0, failures: 0 };
    return null;
  },
  /** Resolves when every VEN received the event and its acknowledgement was answered 200 (or at the timeout). */
  wait: async (args: { timeoutS: number }): Promise<PushRound> => {
    const r = round!;
    let timedOut = false;
    if (r.acked.size < r.count) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(() => { timedOut = true; resolve(); }, args.timeoutS * 1000);
        r.done = () => { clearTimeout(timer); resolve(); };
      });
    }
    const since = (t: number) => (t ? Math.round(t - r.start) : NaN);
    return { receivedMs: since(r.receivedAt), ackedMs: since(r.ackedAt), received: r.received.size, acked: r.acked.size, failures: r.failures, timedOut, ...(r.firstFailure ? { firstFailure: r.firstFailure } : {}) };
  },
}, { port: (server.address() as AddressInfo).port } satisfies EndpointsReady, () => {
  server.closeAllConnections();
  server.close(() => process.exit(0));
});
