// TLS settings -> node https server options for mutual TLS; any half-set configuration is an E_CONFIG, never plain HTTP.
import { createSecureContext, type SecureContextOptions } from 'node:tls';
import type { ServerOptions } from 'node:https';
import { VtnError } from '../errors.js';
import { readPemList } from './pem-source.js';
import type { TlsSettings } from './security-settings.js';

/** The two OpenADR 2.0b suites (TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256, TLS_RSA_WITH_AES_128_CBC_SHA256). */
export const OADR_CIPHERS = ['ECDHE-ECDSA-AES128-SHA256', 'AES128-SHA256'] as const;

/** Modern AEAD suites first, then the 2.0b ones; TLS 1.3 suites are always on (node default). */
export const DEFAULT_CIPHERS = [
  'ECDHE-ECDSA-AES128-GCM-SHA256', 'ECDHE-RSA-AES128-GCM-SHA256',
  'ECDHE-ECDSA-AES256-GCM-SHA384', 'ECDHE-RSA-AES256-GCM-SHA384',
  'ECDHE-ECDSA-CHACHA20-POLY1305', 'ECDHE-RSA-CHACHA20-POLY1305',
  ...OADR_CIPHERS,
].join(':');

export type HttpsServerOptions = ServerOptions & { requestCert: true; rejectUnauthorized: true };

/** Resolves an explicit passphrase or the one named by an environment variable. */
export function resolvePassphrase(s: { passphrase?: string; passphraseEnv?: string }, what: string, env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (s.passphrase !== undefined) return s.passphrase;
  if (s.passphraseEnv === undefined) return undefined;
  const value = env[s.passphraseEnv];
  if (value === undefined) throw new VtnError('E_CONFIG', `${what}.passphraseEnv names ${s.passphraseEnv}, which is not set.`, `Export ${s.passphraseEnv} before starting the VTN.`);
  return value;
}

export function buildHttpsOptions(tls: TlsSettings, env: NodeJS.ProcessEnv = process.env): HttpsServerOptions {
  const missing = (['cert', 'key', 'ca'] as const).filter((k) => tls[k] === undefined || (Array.isArray(tls[k]) && tls[k].length === 0));
  if (missing.length) {
    throw new VtnError('E_CONFIG', `TLS is half configured: ${missing.map((m) => `tls.${m}`).join(', ')} missing.`, 'Mutual TLS needs a server cert, its key and the CA that signs VEN certificates; remove "tls" entirely to serve plain HTTP.');
  }
  const certs = readPemList(tls.cert, 'tls.cert');
  const keys = readPemList(tls.key, 'tls.key');
  const ca = readPemList(tls.ca, 'tls.ca');
  if (certs.length !== keys.length) {
    throw new VtnError('E_CONFIG', `tls.cert has ${certs.length} certificate(s) but tls.key has ${keys.length} key(s).`, 'Give one key per certificate, in the same order.');
  }
  if (tls.minVersion !== undefined && tls.minVersion !== 'TLSv1.2' && tls.minVersion !== 'TLSv1.3') {
    throw new VtnError('E_CONFIG', `tls.minVersion ${String(tls.minVersion)} is not allowed.`, 'Use TLSv1.2 (OpenADR 2.0b) or TLSv1.3.');
  }
  const passphrase = resolvePassphrase(tls, 'tls', env);
  const options: HttpsServerOptions = {
    cert: certs,
    key: keys.map((pem) => (passphrase === undefined ? { pem } : { pem, passphrase })),
    ca,
    requestCert: true,
    rejectUnauthorized: true,
    minVersion: tls.minVersion ?? 'TLSv1.2',
    ciphers: tls.ciphers ?? DEFAULT_CIPHERS,
    honorCipherOrder: true,
  };
  checkLoads(options);
  return options;
}

// Building a secure context surfaces wrong passphrases, mismatched pairs and unparsable PEM now, not at the first handshake.
function checkLoads(options: SecureContextOptions): void {
  try {
    createSecureContext(options);
  } catch (err) {
    throw new VtnError('E_CONFIG', `The TLS certificate, key or CA cannot be used: ${(err as Error).message}.`, 'Check that each key matches its certificate and the passphrase is right.');
  }
}
