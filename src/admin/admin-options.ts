// Admin server settings from config and env, with the safety rule: no token means loopback only.
import { VtnError } from '../errors.js';

export interface AdminConfig {
  /** Serve the admin API at all; default true. */
  enabled?: boolean;
  /** Listen address; default 127.0.0.1. Without a token the API binds to loopback whatever this says. */
  host?: string;
  /** Port; default 8081, 0 picks a free one. */
  port?: number;
  /** Bearer token for every route except /healthz and /readyz; env VTN_ADMIN_TOKEN overrides. Actor name "admin". */
  token?: string;
  /** Further named tokens: name → token; the name is the actor in the audit log. */
  tokens?: Record<string, string>;
}

export interface AdminSettings {
  host: string;
  port: number;
  /** token → actor name; empty means no auth (loopback only). */
  tokens: Map<string, string>;
  /** Set when the configured host was replaced by loopback because no token is set. */
  downgradedFrom?: string;
}

export const ADMIN_DEFAULTS = { host: '127.0.0.1', port: 8081 } as const;

const LOOPBACK = new Set(['127.0.0.1', '::1', 'localhost']);
export const isLoopback = (host: string): boolean => LOOPBACK.has(host) || host.startsWith('127.');

export function resolveAdminSettings(config: AdminConfig = {}, env: NodeJS.ProcessEnv = process.env): AdminSettings {
  const tokens = new Map<string, string>();
  const main = env.VTN_ADMIN_TOKEN || config.token;
  if (main !== undefined) tokens.set(checkToken(main, 'admin.token'), 'admin');
  for (const [name, token] of Object.entries(config.tokens ?? {})) {
    if (tokens.has(token)) throw new VtnError('E_CONFIG', `admin.tokens.${name} repeats another admin token.`, 'Give every operator a distinct token so the audit log can tell them apart.');
    tokens.set(checkToken(token, `admin.tokens.${name}`), name);
  }
  const host = config.host ?? ADMIN_DEFAULTS.host;
  const port = config.port ?? ADMIN_DEFAULTS.port;
  if (tokens.size === 0 && !isLoopback(host)) return { host: ADMIN_DEFAULTS.host, port, tokens, downgradedFrom: host };
  return { host, port, tokens };
}

function checkToken(token: string, where: string): string {
  // A short token is guessable over a network; 16 characters is the floor.
  if (token.length < 16) throw new VtnError('E_CONFIG', `${where} is ${token.length} characters long; at least 16 are required.`, 'Generate one with: openssl rand -hex 24');
  return token;
}
