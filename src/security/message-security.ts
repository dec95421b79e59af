// Builds the security pieces the HTTP layer needs from the options: https settings, identity, reply signer, inbound checks.
import { X509Certificate } from 'node:crypto';
import { VtnError } from '../errors.js';
import { parseDuration } from '../oadr/duration.js';
import type { Logger } from '../vtn/context.js';
import { createIdentityResolver, type IdentityResolver } from './client-identity.js';
import { buildHttpsOptions, resolvePassphrase, type HttpsServerOptions } from './https-options.js';
import { InboundSignatures } from './inbound-signature.js';
import { readPem } from './pem-source.js';
import { ReplayGuard } from './replay-guard.js';
import type { SigningSettings, TlsSettings, TrustedProxySettings } from './security-settings.js';
import { createPayloadSigner, type PayloadSigner } from './xmldsig/sign-payload.js';

export interface SecurityOptions {
  tls?: TlsSettings;
  signing?: SigningSettings;
  trustedProxy?: TrustedProxySettings;
  bodyLimit: number;
}

export interface MessageSecurity {
  /** Options for fastify's `https`, when TLS is on. */
  https?: HttpsServerOptions;
  /** Finds the caller's certificate fingerprint; absent when neither TLS nor a proxy is configured. */
  identify?: IdentityResolver;
  /** Signs every XML reply, when signing is configured. */
  sign?: PayloadSigner;
  inbound: InboundSignatures;
}

export const DEFAULT_REPLAY_WINDOW = 'PT1M';
export const DEFAULT_REPLAY_CACHE = 100_000;

export function createMessageSecurity(o: SecurityOptions, deps: { now: () => Date; log: Logger; env?: NodeJS.ProcessEnv }): MessageSecurity {
  const env = deps.env ?? process.env;
  const https = o.tls ? buildHttpsOptions(o.tls, env) : undefined;
  if (o.trustedProxy) checkProxy(o.trustedProxy);
  const identify = createIdentityResolver({ tls: Boolean(https), ...(o.trustedProxy ? { trustedProxy: o.trustedProxy } : {}), log: deps.log });
  const windowMs = replayWindowMs(o.signing?.replayWindow ?? DEFAULT_REPLAY_WINDOW);
  const maxEntries = o.signing?.replayCacheSize ?? DEFAULT_REPLAY_CACHE;
  if (!Number.isInteger(maxEntries) || maxEntries < 1) throw new VtnError('E_CONFIG', `signing.replayCacheSize must be a positive integer, got ${String(maxEntries)}.`);
  const inbound = new InboundSignatures(new ReplayGuard({ windowMs, maxEntries, now: deps.now }), o.bodyLimit);
  return {
    ...(https ? { https } : {}),
    ...(identify ? { identify } : {}),
    ...(o.signing ? { sign: signerFrom(o.signing, deps.now, env) } : {}),
    inbound,
  };
}

function signerFrom(s: SigningSettings, now: () => Date, env: NodeJS.ProcessEnv): PayloadSigner {
  if (s.cert === undefined || s.key === undefined) {
    throw new VtnError('E_CONFIG', `Signing is half configured: signing.${s.cert === undefined ? 'cert' : 'key'} missing.`, 'Give both the signing certificate and its key (RSA or EC P-256), or remove "signing".');
  }
  let cert: string;
  try {
    cert = new X509Certificate(readPem(s.cert, 'signing.cert')).toString();
  } catch (err) {
    if (err instanceof VtnError) throw err;
    throw new VtnError('E_CONFIG', `signing.cert is not an X.509 certificate: ${(err as Error).message}.`);
  }
  const passphrase = resolvePassphrase(s, 'signing', env);
  return createPayloadSigner({ cert, key: readPem(s.key, 'signing.key'), ...(passphrase !== undefined ? { passphrase } : {}), now });
}

function replayWindowMs(v: number | string): number {
  let ms: number;
  try {
    ms = typeof v === 'number' ? v : parseDuration(v);
  } catch {
    throw new VtnError('E_CONFIG', `signing.replayWindow "${String(v)}" is not an ISO 8601 duration.`, 'For example PT1M.');
  }
  if (!(ms > 0)) throw new VtnError('E_CONFIG', `signing.replayWindow must be positive, got ${String(v)}.`);
  return ms;
}

function checkProxy(p: TrustedProxySettings): void {
  if (typeof p.header !== 'string' || !/^[A-Za-z0-9-]+$/.test(p.header)) {
    throw new VtnError('E_CONFIG', `trustedProxy.header "${String(p.header)}" is not a header name.`, 'For example x-ssl-client-cert.');
  }
  if (!Array.isArray(p.addresses) || p.addresses.length === 0) {
    throw new VtnError('E_CONFIG', 'trustedProxy.addresses is empty: the header would be believed from nobody.', 'List the IP addresses of the TLS-terminating proxies.');
  }
}
