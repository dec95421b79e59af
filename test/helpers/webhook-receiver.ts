// A webhook receiver on 127.0.0.1: answers the VTN's echo challenge, records every notification (headers and
// body) and answers them with the statuses a test queues (200 once the queue is empty).
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Received {
  path: string;
  headers: IncomingHttpHeaders;
  body: { objectType: string; operation: string; object: Record<string, unknown> };
  at: number;
}

export interface WebhookReceiver {
  /** http://127.0.0.1:port */
  origin: string;
  received: Received[];
  /** Notifications to `path` (default every path). */
  at(path?: string): Received[];
  /** Answer the next notifications with these statuses, in order. */
  answer(...statuses: number[]): void;
  /** Answer every echo challenge with this status and body instead (to test refusals); no status: echo again. */
  echoWith(status?: number, body?: string): void;
  echoes: number;
  close(): Promise<void>;
}

export async function startWebhookReceiver(): Promise<WebhookReceiver> {
  const statuses: number[] = [];
  let echo: { status: number; body?: string } | undefined;
  const r: Omit<WebhookReceiver, 'origin'> & { origin: string } = {
    origin: '', received: [], echoes: 0,
    at: (path) => r.received.filter((x) => path === undefined || x.path === path),
    answer: (...s) => { statuses.push(...s); },
    echoWith: (status, body) => { echo = status === undefined ? undefined : { status, ...(body !== undefined ? { body } : {}) }; },
    close: () => new Promise<void>((done) => { server.closeAllConnections(); server.close(() => done()); }),
  };
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    if (req.method === 'GET') {
      r.echoes++;
      if (echo) return void res.writeHead(echo.status).end(echo.body ?? '');
      return void res.writeHead(200, { 'content-type': 'text/plain' }).end(url.searchParams.get('echo') ?? '');
    }
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      r.received.push({ path: url.pathname, headers: req.headers, body: JSON.parse(Buffer.concat(chunks).toString('utf8')) as Received['body'], at: Date.now() });
      res.writeHead(statuses.shift() ?? 200).end();
    });
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  r.origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return r;
}
