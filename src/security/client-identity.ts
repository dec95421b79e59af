// Who is calling: the verified TLS client certificate, or a trusted proxy's header; identity is required once either is configured.
import type { TLSSocket } from 'node:tls';
import type { FastifyRequest } from 'fastify';
import type { Logger } from '../vtn/context.js';
import { RefusalLog } from '../vtn/refusal-log.js';
import { certificateFingerprint, normaliseFingerprint } from './fingerprint.js';
import type { TrustedProxySettings } from './security-settings.js';

export interface ClientIdentity {
  fingerprint?: string;
  /** Why no identity was found, for the refusal text. */
  missing?: string;
}

export interface IdentityOptions {
  tls: boolean;
  trustedProxy?: TrustedProxySettings;
  log: Logger;
}

export type IdentityResolver = (req: FastifyRequest) => ClientIdentity;

/** IPv4 peers arrive as ::ffff:a.b.c.d on dual-stack sockets. */
export function normaliseAddress(address: string | undefined): string {
  const a = (address ?? '').toLowerCase();
  return a.startsWith('::ffff:') && a.includes('.') ? a.slice(7) : a;
}

/** Fingerprint from a header value: a fingerprint itself, or a (URL-encoded) PEM certificate. */
export function fingerprintFromHeader(value: string): string | undefined {
  const direct = normaliseFingerprint(value);
  if (direct) return direct;
  let pem: string;
  try {
    pem = decodeURIComponent(value);
  } catch {
    return undefined;
  }
  if (!pem.includes('-----BEGIN CERTIFICATE-----')) return undefined;
  try {
    return certificateFingerprint(pem);
  } catch {
    return undefined;
  }
}

export function createIdentityResolver(opts: IdentityOptions): IdentityResolver | undefined {
  const proxy = opts.trustedProxy;
  if (!opts.tls && !proxy) return undefined;
  const header = proxy?.header.toLowerCase();
  const trusted = new Set((proxy?.addresses ?? []).map((a) => normaliseAddress(a)));
  // Anyone can send the header: a flood of it gives one warning a minute, the rest at debug.
  const refusals = new RefusalLog(opts.log, () => new Date());
  return (req) => {
    const peer = normaliseAddress(req.socket.remoteAddress);
    const raw = header ? req.headers[header] : undefined;
    if (raw !== undefined) {
      const value = Array.isArray(raw) ? raw[0] ?? '' : raw;
      if (trusted.has(peer)) {
        const fingerprint = fingerprintFromHeader(value);
        if (fingerprint) return { fingerprint };
        refusals.refuse('proxy-header-unreadable', { peer, header }, 'trusted proxy sent an unreadable client-certificate header');
        return { missing: `the ${header} header holds neither a fingerprint nor a PEM certificate` };
      }
      // Anyone can send a header: only the configured proxies are believed.
      refusals.refuse('proxy-header-untrusted', { peer, header }, 'client-certificate header from an untrusted address ignored');
    }
    const fingerprint = opts.tls ? peerFingerprint(req) : undefined;
    if (fingerprint) return { fingerprint };
    return { missing: opts.tls ? 'no verified client certificate' : `requests must come through the TLS proxy with the ${header} header` };
  };
}

function peerFingerprint(req: FastifyRequest): string | undefined {
  const socket = req.socket as Partial<TLSSocket>;
  if (typeof socket.getPeerX509Certificate !== 'function' || !socket.authorized) return undefined;
  const cert = socket.getPeerX509Certificate();
  return cert ? certificateFingerprint(cert) : undefined;
}
