// The operator port: its own fastify instance and address, apart from the OpenADR port and its mutual TLS.
import { join } from 'node:path';
import type { FastifyBaseLogger, FastifyInstance } from 'fastify';
import type { GaugeCacheTimes } from '../metrics/state-gauges.js';
import { createVtnMetrics, type VtnMetrics } from '../metrics/vtn-metrics.js';
import type { Vtn } from '../vtn/vtn.js';
import { resolveAdminSettings, type AdminConfig, type AdminSettings } from './admin-options.js';
import { AuditLog } from './audit-log.js';
import { buildAdminApp } from './build-admin-app.js';
import type { AdminDeps } from './admin-deps.js';
import type { StatusSources } from './status-sources.js';
import type { LazySchemaCompilers } from '../http/lazy-schema-compilers.js';
import { VenPresence } from './ven-presence.js';

export interface AdminServerOptions extends StatusSources {
  vtn: Vtn;
  config?: AdminConfig;
  /** Where audit.log goes; the audit trail stays in memory when absent (in-memory VTNs). */
  dataDir?: string;
  logger?: FastifyBaseLogger;
  env?: NodeJS.ProcessEnv;
  /** Node process metrics in /metrics; default true. */
  processMetrics?: boolean;
  /** Compile the route schemas through these (tests pass their own to compile them all at once). */
  schemaCompilers?: LazySchemaCompilers;
  /** How stale the cached state gauges of /metrics may be (default: 5 s after a change, 60 s at most). */
  gaugeCache?: GaugeCacheTimes;
}

export class AdminServer {
  readonly app: FastifyInstance;
  readonly settings: AdminSettings;
  readonly presence: VenPresence;
  readonly metrics: VtnMetrics;
  readonly audit: AuditLog;
  /** Shared with the routes and the metrics, which read it per request: attach() fills it in later. */
  readonly #sources: StatusSources;
  readonly #log: FastifyBaseLogger | undefined;
  #url: string | undefined;
  #closing: Promise<void> | undefined;

  constructor(opts: AdminServerOptions) {
    this.settings = resolveAdminSettings(opts.config, opts.env);
    this.#log = opts.logger;
    this.presence = new VenPresence(opts.vtn);
    this.#sources = {};
    this.metrics = createVtnMetrics({ vtn: opts.vtn, presence: this.presence, sources: this.#sources, processMetrics: opts.processMetrics ?? true, ...(opts.gaugeCache ? { gaugeCache: opts.gaugeCache } : {}) });
    this.audit = new AuditLog(opts.dataDir !== undefined ? join(opts.dataDir, 'audit.log') : undefined);
    const deps: AdminDeps = { vtn: opts.vtn, presence: this.presence, audit: this.audit, metrics: this.metrics, sources: this.#sources };
    this.attach(opts);
    this.app = buildAdminApp(deps, { tokens: this.settings.tokens, ...(opts.logger ? { logger: opts.logger } : {}), ...(opts.schemaCompilers ? { schemaCompilers: opts.schemaCompilers } : {}) });
  }

  /** Hand over the rules, scheduler, template, catalogue, webhook or repeated-poll handles once they are installed (start-up order allows any). */
  attach(sources: StatusSources): void {
    if (sources.policy) this.#sources.policy = sources.policy;
    if (sources.schedules) this.#sources.schedules = sources.schedules;
    if (sources.templates) this.#sources.templates = sources.templates;
    if (sources.catalogue) this.#sources.catalogue = sources.catalogue;
    if (sources.webhooks) this.#sources.webhooks = sources.webhooks;
    if (sources.repeatedPolls) this.#sources.repeatedPolls = sources.repeatedPolls;
  }

  /** e.g. http://127.0.0.1:8081 once listening. */
  get url(): string | undefined {
    return this.#url;
  }

  async listen(): Promise<string> {
    const { host, port, tokens, downgradedFrom } = this.settings;
    if (tokens.size === 0) {
      this.#log?.warn({ host, requestedHost: downgradedFrom }, downgradedFrom
        ? `NO ADMIN TOKEN CONFIGURED: the admin API binds to ${host} instead of ${downgradedFrom}; set admin.token or VTN_ADMIN_TOKEN to serve it on the network`
        : `NO ADMIN TOKEN CONFIGURED: the admin API is open to every local process on ${host}; set admin.token or VTN_ADMIN_TOKEN`);
    }
    await this.app.listen({ host, port });
    const address = this.app.server.address();
    const actualPort = typeof address === 'object' && address ? address.port : port;
    this.#url = `http://${host.includes(':') ? `[${host}]` : host}:${actualPort}`;
    this.#log?.info({ url: this.#url, docs: `${this.#url}/admin/docs` }, 'admin API listening');
    return this.#url;
  }

  /** Finish in-flight admin requests, then stop the metrics' store listeners. Idempotent. */
  close(): Promise<void> {
    this.#closing ??= (async () => {
      await this.app.close();
      this.metrics.stop();
    })();
    return this.#closing;
  }
}
