// OpenADRServer's keyword arguments (OpenLEADR's names) as createVtn options.
import { VtnError, type CreateVtnOptions, type Logger } from '../index.js';
import { checkKeywords, given } from './keywords.js';
import { defaultLogger } from './logging.js';
import type { Duration, OpenLeadrHandlers } from './types.js';
import { certificate_fingerprint } from './utils.js';

export interface ServerKeywords {
  vtn_id: string;
  http_host?: string;
  /** Default 8080; 0 picks a free port. */
  http_port?: number;
  http_path_prefix?: string;
  /** Poll frequency offered to VENs; default 10 s. */
  requested_poll_freq?: Duration;
  /** Certificate and key that sign outgoing messages (file paths or PEM text). */
  cert?: string;
  key?: string;
  passphrase?: string;
  /** Mutual TLS: server certificate, key and the CA VEN certificates chain to (all three, or none). */
  http_cert?: string;
  http_key?: string;
  http_key_passphrase?: string;
  http_ca_file?: string;
  ven_lookup?: OpenLeadrHandlers['ven_lookup'];
  /** Print the signing certificate's fingerprint at start-up (default true, as in OpenLEADR). */
  show_fingerprint?: boolean;
  /** Not OpenLEADR: options of the typed API (store, dataDir, logger, now, limits…); default in memory. */
  vtn_options?: CreateVtnOptions;
}

const KEYWORDS: readonly (keyof ServerKeywords)[] = [
  'vtn_id', 'http_host', 'http_port', 'http_path_prefix', 'requested_poll_freq', 'cert', 'key', 'passphrase',
  'http_cert', 'http_key', 'http_key_passphrase', 'http_ca_file', 'ven_lookup', 'show_fingerprint', 'vtn_options',
];

function together(k: Record<string, unknown>, names: string[], what: string): boolean {
  const present = names.filter((n) => k[n] !== undefined);
  if (present.length === 0) return false;
  if (present.length === names.length) return true;
  const missing = names.filter((n) => k[n] === undefined);
  throw new VtnError('E_CONFIG', `OpenADRServer got ${present.join(', ')} but not ${missing.join(', ')}.`, `${what} needs all of ${names.join(', ')}; the VTN never falls back silently.`);
}

export function toCreateOptions(keywords: ServerKeywords): { options: CreateVtnOptions; signingCert?: string } {
  checkKeywords(keywords, KEYWORDS, 'OpenADRServer()', 'E_CONFIG');
  const k = given(keywords);
  if (typeof k.vtn_id !== 'string' || k.vtn_id === '') throw new VtnError('E_CONFIG', 'OpenADRServer() needs vtn_id.', "e.g. new OpenADRServer({ vtn_id: 'myvtn' })");
  const extra = k.vtn_options ?? {};
  const keepsState = extra.store !== undefined || extra.dataDir !== undefined || extra.inMemory !== undefined;
  const tls = together(k, ['http_cert', 'http_key', 'http_ca_file'], 'Mutual TLS');
  const signing = together(k, ['cert', 'key'], 'Message signing');
  const logger: Logger | false = extra.logger ?? defaultLogger();
  const options: CreateVtnOptions = {
    // OpenLEADR keeps everything in memory; vtn_options may name a store instead.
    ...(keepsState ? {} : { inMemory: true }),
    ...extra,
    logger,
    vtnId: k.vtn_id,
    host: k.http_host ?? '127.0.0.1',
    port: k.http_port ?? 8080,
    prefix: k.http_path_prefix ?? '/OpenADR2/Simple/2.0b',
    pollFreq: k.requested_poll_freq ?? 10_000,
    ...(tls ? { tls: { cert: k.http_cert!, key: k.http_key!, ca: k.http_ca_file!, ...(k.http_key_passphrase ? { passphrase: k.http_key_passphrase } : {}) } } : {}),
    ...(signing ? { signing: { cert: k.cert!, key: k.key!, ...(k.passphrase ? { passphrase: k.passphrase } : {}) } } : {}),
  };
  return { options, ...(signing ? { signingCert: k.cert! } : {}) };
}

/** OpenLEADR's start-up banner: the fingerprint VENs need to trust this VTN's signatures. */
export function printFingerprint(cert: string): void {
  console.log(`Your VTN Certificate Fingerprint is ${certificate_fingerprint(cert)}\nPlease deliver this fingerprint to the VENs that connect to you.`);
}
