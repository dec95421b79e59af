// Reads config/vtn.json, validates it against schemas/vtn-config.schema.json, applies env and flag overrides.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv } from 'ajv';
import { VtnError } from '../errors.js';
import { COMMENT_SUGGESTION, COMMENTS_NOT_ALLOWED, jsonErrorOffset, startsComment } from './json-comments.js';
import type { AdminConfig } from '../admin/admin-options.js';
import type { VenLimits } from '../vtn/limits.js';
import type { PushOptions } from '../vtn/vtn-options.js';
import type { StoreSettings } from '../store/open-store.js';
import type { Openadr3Config } from '../openadr3/openadr3-settings.js';
import type { SigningSettings, TlsSettings, TrustedProxySettings } from '../security/security-settings.js';
import { STARTUP_AJV_OPTIONS } from './ajv-startup-options.js';

export interface VtnConfig {
  vtnId?: string;
  host?: string;
  port?: number;
  prefix?: string;
  pollFreq?: string;
  dataDir?: string;
  inMemory?: boolean;
  /** memory, file (default, in dataDir) or postgres (with url). */
  store?: StoreSettings;
  bodyLimit?: number;
  defaultMarketContext?: string;
  openEnrollment?: boolean;
  cancelledRetention?: string;
  intervalDtstart?: boolean;
  logLevel?: string;
  /** Folder of the rule files, relative to the project folder; default rules. */
  policyDir?: string;
  /** Folder of vens.json, programs.json, templates.json, relative to the project folder; default config. */
  catalogueDir?: string;
  /** Reload the policy when its files change; default true. */
  watchPolicy?: boolean;
  /** Bounds of the stored decision log; defaults 1000 decisions and 4 MiB. */
  decisionLog?: { maxCount?: number; maxBytes?: number; refusalMaxCount?: number };
  telemetryRetention?: { maxAge?: string; maxPerSeries?: number };
  eventRetention?: { live?: string; archive?: string; sweepEvery?: string };
  /** Report-request fallback and cancellation grace (src/vtn/field-timers.ts has the defaults). */
  fieldVens?: { reportFallbackAfter?: string; reportFallbackAttempts?: number; cancelGrace?: string; sweepEvery?: string };
  idlePollCacheMs?: number;
  repeatedPollCacheBytes?: number;
  /** Per-VEN caps and refusal bookkeeping (src/vtn/limits.ts has the defaults). */
  limits?: Partial<VenLimits>;
  /** The operator API (admin REST, OpenAPI, /healthz, /readyz, /metrics) on its own address. */
  admin?: AdminConfig;
  /** Mutual TLS; file paths are relative to the working directory. */
  tls?: TlsSettings;
  /** XML signatures on replies and the replay window for signed VEN messages. */
  signing?: SigningSettings;
  /** A TLS-terminating proxy passing the client certificate in a header. */
  trustedProxy?: TrustedProxySettings;
  /** The OpenADR 3.1 REST API on the VTN's server. */
  openadr3?: Openadr3Config;
  /** HTTP push to VENs registered with oadrHttpPullModel false. */
  push?: Omit<PushOptions, 'ownPorts' | 'timeout' | 'retryBackoff'> & { timeout?: string; retryBackoff?: string };
}

export const PACKAGE_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const CONFIG_SCHEMA_PATH = join(PACKAGE_ROOT, 'schemas', 'vtn-config.schema.json');

export function loadConfig(path: string): VtnConfig {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new VtnError('E_CONFIG', `Cannot read the configuration file ${path}: ${(err as Error).message}.`, 'Pass --config <file> or create config/vtn.json.');
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    if (startsComment(text, jsonErrorOffset(err))) throw new VtnError('E_CONFIG', `${path}: ${COMMENTS_NOT_ALLOWED}.`, `${COMMENT_SUGGESTION}.`);
    throw new VtnError('E_CONFIG', `${path} is not valid JSON: ${(err as Error).message}.`, 'Fix the syntax (a missing comma or quote is the usual cause).');
  }
  const ajv = new Ajv({ ...STARTUP_AJV_OPTIONS, allErrors: true, useDefaults: false });
  const validate = ajv.compile<VtnConfig>(JSON.parse(readFileSync(CONFIG_SCHEMA_PATH, 'utf8')));
  if (!validate(data)) {
    const problems = (validate.errors ?? []).map((e) => `${e.instancePath || '(top level)'} ${e.message}${e.params && 'additionalProperty' in e.params ? ` "${String(e.params.additionalProperty)}"` : ''}`);
    throw new VtnError('E_CONFIG', `${path} is invalid: ${problems.join('; ')}.`, 'See schemas/vtn-config.schema.json for every field.');
  }
  return data;
}

/** Environment overrides: VTN_HOST, VTN_PORT, VTN_ADMIN_PORT, VTN_DATA_DIR, VTN_DATABASE_URL (the postgres store at that URL). */
export function envOverrides(env: NodeJS.ProcessEnv): Partial<VtnConfig> {
  const out: Partial<VtnConfig> = {};
  if (env.VTN_HOST) out.host = env.VTN_HOST;
  if (env.VTN_PORT) out.port = parsePort(env.VTN_PORT, 'VTN_PORT');
  if (env.VTN_ADMIN_PORT) out.admin = { port: parsePort(env.VTN_ADMIN_PORT, 'VTN_ADMIN_PORT') };
  if (env.VTN_DATA_DIR) out.dataDir = env.VTN_DATA_DIR;
  if (env.VTN_DATABASE_URL) out.store = { kind: 'postgres', url: env.VTN_DATABASE_URL };
  return out;
}

/** The file's settings under the environment's; the store and admin sections merge (VTN_DATABASE_URL keeps the file's poolSize). */
export function withOverrides(file: VtnConfig, overrides: Partial<VtnConfig>): VtnConfig {
  const merged = { ...file, ...overrides };
  if (file.store && overrides.store) merged.store = { ...file.store, ...overrides.store };
  if (file.admin && overrides.admin) merged.admin = { ...file.admin, ...overrides.admin };
  return merged;
}

export function parsePort(value: string, source: string): number {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new VtnError('E_CONFIG', `${source} must be a port number 0–65535, got "${value}".`);
  }
  return port;
}
