// The `openadr3` section of config/vtn.json, with its defaults.
import type { ExternalIssuerSettings } from './auth/token-service.js';
import type { WebhookConfig, WebhookSettings } from './notify/webhook-settings.js';

export interface Openadr3Config {
  /** Serve the 3.1 API (default true; without config/clients.json nobody can get a token). */
  enabled?: boolean;
  /** Path under the VTN's server (default /openadr3/3.1.0). */
  basePath?: string;
  /** The client catalogue, relative to the project folder (default config/clients.json). */
  clientsFile?: string;
  /** Token lifetime, ISO 8601 (default PT1H). */
  tokenTtl?: string;
  /** HS256 signing secret for issued tokens (else VTN_OPENADR3_TOKEN_SECRET, else a key kept in the store). */
  tokenSecret?: string;
  /** Accept tokens of an external OAuth2 issuer too. */
  externalIssuer?: ExternalIssuerSettings;
  /** URL prefixes allowed as webhook callbacks besides https to a non-loopback host (e.g. "http://127.0.0.1:"). */
  callbackAllow?: string[];
  /** Webhook delivery: timeout, attempts, retryBackoff, concurrency, queue bounds, echo challenge. */
  webhooks?: WebhookConfig;
  /** What one VEN client may hold (§9 hostile input); BL clients are not capped. */
  limits?: Partial<Openadr3Limits>;
}

export interface Openadr3Limits {
  /** Resource objects per ven object (default 100). */
  resourcesPerVen: number;
  /** Report objects one VEN client holds; delete old ones to make room (default 1000). */
  reportsPerClient: number;
}

export interface Openadr3Settings {
  basePath: string;
  clientsFile: string;
  tokenTtlSeconds: number;
  tokenSecret?: string;
  externalIssuer?: ExternalIssuerSettings;
  callbackAllow: string[];
  limits: Openadr3Limits;
  webhooks: WebhookSettings;
}

export const OPENADR3_LIMITS: Openadr3Limits = { resourcesPerVen: 100, reportsPerClient: 1000 };

export const OPENADR3_DEFAULTS = { basePath: '/openadr3/3.1.0', clientsFile: 'config/clients.json', tokenTtlSeconds: 3600 } as const;
