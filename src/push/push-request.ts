// One push POST to a checked, pinned address: bounded time and reply size, no redirects followed, mutual TLS
// with the VTN's certificate when TLS is on. Returns what came back; never throws for the VEN's behaviour.
import https from 'node:https';
import { checkServerIdentity, type PeerCertificate, type TLSSocket } from 'node:tls';
import { isIP } from 'node:net';
import { certificateFingerprint } from '../security/fingerprint.js';
import { bareHost } from '../vtn/push-target.js';
import { sendPlainPush } from './push-request-plain.js';
import { pushHeaders, STOPPING, tooLarge, tooSlow } from './push-request-parts.js';
import type { ResolvedTarget } from './resolve-target.js';

export interface PushClientTls {
  cert: string | Buffer;
  key: string | Buffer;
  passphrase?: string;
  ca: (string | Buffer)[];
  minVersion?: 'TLSv1.2' | 'TLSv1.3';
  ciphers?: string;
}

export interface PushRequest {
  target: ResolvedTarget;
  body: string;
  /** POST (default), or GET with an empty body (a webhook's echo challenge). */
  method?: 'POST' | 'GET';
  /** Default application/xml (2.0b); 3.1 webhooks send application/json. */
  contentType?: string;
  /** Extra request headers (a webhook's Authorization). */
  headers?: Record<string, string>;
  timeoutMs: number;
  maxResponseBytes: number;
  tls?: PushClientTls;
  /** The VEN's bound certificate: its server may present it instead of a certificate for the host name. */
  venFingerprint?: string;
  /** Aborted when the VTN stops: the request ends at once. */
  signal?: AbortSignal;
}

export type PushResponse =
  | { ok: true; status: number; body: string; contentType: string | undefined; peerFingerprint?: string }
  | { ok: false; error: string };

const agent = new https.Agent({ keepAlive: true, maxSockets: 64 });

/**
 * Plain HTTP goes through undici (push-request-plain.ts); TLS stays on node:https, which hands over the peer
 * certificate of the very connection a reply came on.
 */
export function sendPush(req: PushRequest): Promise<PushResponse> {
  return req.target.url.protocol === 'https:' ? sendTlsPush(req) : sendPlainPush(req);
}

function sendTlsPush(req: PushRequest): Promise<PushResponse> {
  const { url, address, port } = req.target;
  const host = bareHost(url.hostname);
  return new Promise((resolve) => {
    let settled = false;
    const done = (r: PushResponse) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(r);
    };
    const options: https.RequestOptions = {
      // The pinned address, not the name: the name was resolved and checked once, for this request.
      host: address, port, path: `${url.pathname}${url.search}`, method: req.method ?? 'POST',
      headers: { ...pushHeaders(req), 'content-length': Buffer.byteLength(req.body) },
      agent, ...tlsOptions(req, host),
    };
    const request = https.request(options, (res) => {
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > req.maxResponseBytes) {
          done({ ok: false, error: tooLarge(req) });
          request.destroy();
        } else chunks.push(chunk);
      });
      res.on('error', (err) => done({ ok: false, error: err.message }));
      res.on('end', () => {
        const socket = res.socket as TLSSocket | null;
        const peer = socket?.getPeerX509Certificate ? socket.getPeerX509Certificate() : undefined;
        done({
          ok: true, status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8'), contentType: res.headers['content-type'],
          ...(peer ? { peerFingerprint: certificateFingerprint(peer) } : {}),
        });
      });
    });
    const timer = setTimeout(() => {
      done({ ok: false, error: tooSlow(req) });
      request.destroy();
    }, req.timeoutMs);
    const abort = () => {
      done({ ok: false, error: STOPPING });
      request.destroy();
    };
    if (req.signal?.aborted) abort();
    req.signal?.addEventListener('abort', abort, { once: true });
    request.on('close', () => req.signal?.removeEventListener('abort', abort));
    request.on('error', (err: NodeJS.ErrnoException) => done({ ok: false, error: err.code ? `${err.code}: ${err.message}` : err.message }));
    request.end(req.body);
  });
}

function tlsOptions(req: PushRequest, host: string): https.RequestOptions {
  const t = req.tls;
  return {
    ...(t ? { cert: t.cert, key: t.key, ca: t.ca, ...(t.passphrase !== undefined ? { passphrase: t.passphrase } : {}), ...(t.minVersion ? { minVersion: t.minVersion } : {}), ...(t.ciphers ? { ciphers: t.ciphers } : {}) } : {}),
    rejectUnauthorized: true,
    ...(isIP(host) ? {} : { servername: host }),
    // OpenADR identifies a VEN by its certificate's fingerprint: the one it registered with is as good as the host name.
    checkServerIdentity: (name: string, cert: PeerCertificate) => {
      if (req.venFingerprint && cert.raw && certificateFingerprint(cert.raw) === req.venFingerprint) return undefined;
      return checkServerIdentity(host || name, cert);
    },
  };
}
