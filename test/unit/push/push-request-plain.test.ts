// Plain-HTTP pushes (undici's dispatcher): the pinned address with the VEN's own Host header, no redirect
// followed, a bounded reply and time, the stop signal, and transport errors worded with their system code.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { sendPush, type PushRequest } from '../../../src/push/push-request.js';

const servers: Server[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) await new Promise((r) => s.close(r));
});

async function serve(handler: (req: IncomingMessage, body: string, res: ServerResponse) => void): Promise<number> {
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => handler(req, Buffer.concat(chunks).toString('utf8'), res));
  });
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return (server.address() as AddressInfo).port;
}

const push = (port: number, o: Partial<PushRequest> = {}) => sendPush({
  target: { url: new URL(`http://ven.example:${port}/OpenADR2/Simple/2.0b/EiEvent?x=1`), address: '127.0.0.1', port },
  body: '<oadrPayload/>', timeoutMs: 2_000, maxResponseBytes: 1_024, ...o,
});

describe('plain-HTTP push', () => {
  it('goes to the pinned address with the VEN\'s Host header, path and body, and returns the reply', async () => {
    let seen: { host?: string; url?: string; type?: string; body?: string; method?: string } = {};
    const port = await serve((req, body, res) => {
      seen = { host: req.headers.host, url: req.url, type: req.headers['content-type'], body, method: req.method };
      res.writeHead(200, { 'content-type': 'application/xml' }).end('<reply/>');
    });
    expect(await push(port)).toEqual({ ok: true, status: 200, body: '<reply/>', contentType: 'application/xml' });
    expect(seen).toEqual({ host: `ven.example:${port}`, url: '/OpenADR2/Simple/2.0b/EiEvent?x=1', type: 'application/xml; charset=utf-8', body: '<oadrPayload/>', method: 'POST' });
  });

  it('a GET carries no body and no content type; extra headers are sent', async () => {
    let seen: { method?: string; type?: string; auth?: string; body?: string } = {};
    const port = await serve((req, body, res) => {
      seen = { method: req.method, type: req.headers['content-type'], auth: req.headers.authorization, body };
      res.writeHead(204).end();
    });
    expect(await push(port, { method: 'GET', body: '', headers: { authorization: 'Bearer t' } })).toMatchObject({ ok: true, status: 204, body: '' });
    expect(seen).toEqual({ method: 'GET', type: undefined, auth: 'Bearer t', body: '' });
  });

  it('a redirect is returned as it is, never followed', async () => {
    let elsewhere = 0;
    const other = await serve((_q, _b, res) => { elsewhere++; res.writeHead(200).end(); });
    const port = await serve((_q, _b, res) => res.writeHead(307, { location: `http://127.0.0.1:${other}/` }).end());
    expect(await push(port)).toMatchObject({ ok: true, status: 307 });
    expect(elsewhere).toBe(0);
  });

  it('a reply over the size bound, a reply too slow, and the stop signal end the push with their reason', async () => {
    const big = await serve((_q, _b, res) => res.writeHead(200).end('a'.repeat(10_000)));
    expect(await push(big)).toEqual({ ok: false, error: 'the reply is over 1024 bytes' });
    const slow = await serve((_q, _b, res) => { setTimeout(() => res.writeHead(200).end(), 1_000).unref(); });
    expect(await push(slow, { timeoutMs: 100 })).toEqual({ ok: false, error: 'no complete reply within 100 ms' });
    const stop = new AbortController();
    const pending = push(slow, { signal: stop.signal });
    stop.abort();
    expect(await pending).toEqual({ ok: false, error: 'the VTN is stopping' });
    expect(await push(slow, { signal: stop.signal })).toEqual({ ok: false, error: 'the VTN is stopping' });
  });

  it('a refused connection is worded with its system code; the next push to a live server still works', async () => {
    const port = await serve((_q, _b, res) => res.writeHead(200).end());
    await new Promise((r) => servers.pop()!.close(r));
    const refused = await push(port);
    expect(refused.ok).toBe(false);
    expect(!refused.ok && refused.error).toMatch(/^ECONNREFUSED: /);
    const live = await serve((_q, _b, res) => res.writeHead(200).end('ok'));
    expect(await push(live)).toMatchObject({ ok: true, body: 'ok' });
  });
});
