// A scripted HTTP peer standing in for a VTN: records each request and answers from a queue.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest { method: string; url: string; contentType: string | undefined; body: string }
export interface ScriptedAnswer { status?: number; contentType?: string; body?: string; hang?: boolean }

export interface FakeVtn {
  baseUrl: string;
  requests: RecordedRequest[];
  /** Answers for the next requests, in order; when empty the peer answers 200 with an empty body. */
  answers: ScriptedAnswer[];
  close(): Promise<void>;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

export async function startFakeVtn(): Promise<FakeVtn> {
  const requests: RecordedRequest[] = [];
  const answers: ScriptedAnswer[] = [];
  const server: Server = createServer((req, res) => {
    void readBody(req).then((body) => {
      requests.push({ method: req.method ?? '', url: req.url ?? '', contentType: req.headers['content-type'], body });
      const a = answers.shift() ?? {};
      if (a.hang) return; // never answer: exercises the client's time-out
      res.writeHead(a.status ?? 200, a.contentType === undefined ? {} : { 'content-type': a.contentType });
      res.end(a.body ?? '');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    requests,
    answers,
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}
