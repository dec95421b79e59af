// installOpenadr3(): put the 3.1 REST API on a VTN's server before it listens, from the `openadr3` config section.
import { isAbsolute, resolve } from 'node:path';
import type { VtnServer } from '../http/vtn-server.js';
import { parseDuration } from '../oadr/duration.js';
import { DEFAULTS } from '../vtn/vtn-options.js';
import { ClientCatalogue } from './auth/client-catalogue.js';
import { TokenService } from './auth/token-service.js';
import { callbackRulesOf } from './notify/callback-url.js';
import { markedHandlers, publishCoreEvents } from './notify/core-event-bridge.js';
import { WebhookNotifier } from './notify/webhook-notifier.js';
import { resolveWebhookSettings } from './notify/webhook-settings.js';
import type { ProgramCatalogue } from './objects/program-catalogue.js';
import type { Oadr3Handlers, Oadr3Services } from './http/handler-types.js';
import { openadr3Plugin } from './http/openadr3-plugin.js';
import { EventIndex } from './objects/event-index.js';
import { dropExtrasAfterArchive } from './objects/extras-retention.js';
import { GrantedTargetsCache } from './objects/target-grants.js';
import { OPENADR3_DEFAULTS, OPENADR3_LIMITS, type Openadr3Config, type Openadr3Settings } from './openadr3-settings.js';

export interface InstallOpenadr3Options {
  /** Folder that relative paths (clientsFile) are read from; default the working directory. */
  projectDir?: string;
  /** Environment consulted for VTN_OPENADR3_TOKEN_SECRET (default process.env). */
  env?: NodeJS.ProcessEnv;
  /** The VTN catalogue (the policy's): its programs are served as read-only 3.1 programs, its groups resolve targets. */
  catalogue?: () => ProgramCatalogue | undefined;
  /** Replace or add handlers (tests, embedders). */
  handlers?: Oadr3Handlers;
}

export interface Openadr3Handle {
  settings: Openadr3Settings;
  /** Absolute base path of the API on the VTN's server. */
  basePath: string;
  /** Subscription deliveries: their state for the admin API and metrics. */
  webhooks: WebhookNotifier;
}

export function resolveOpenadr3Settings(config: Openadr3Config, opts: InstallOpenadr3Options = {}): Openadr3Settings {
  const project = opts.projectDir ?? process.cwd();
  const clientsFile = config.clientsFile ?? OPENADR3_DEFAULTS.clientsFile;
  const secret = config.tokenSecret ?? (opts.env ?? process.env).VTN_OPENADR3_TOKEN_SECRET;
  return {
    basePath: '/' + (config.basePath ?? OPENADR3_DEFAULTS.basePath).replace(/^\/+|\/+$/g, ''),
    clientsFile: isAbsolute(clientsFile) ? clientsFile : resolve(project, clientsFile),
    tokenTtlSeconds: config.tokenTtl ? Math.max(1, Math.round(parseDuration(config.tokenTtl) / 1000)) : OPENADR3_DEFAULTS.tokenTtlSeconds,
    ...(secret ? { tokenSecret: secret } : {}),
    ...(config.externalIssuer ? { externalIssuer: config.externalIssuer } : {}),
    callbackAllow: config.callbackAllow ?? [],
    limits: { ...OPENADR3_LIMITS, ...config.limits },
    webhooks: resolveWebhookSettings(config.webhooks),
  };
}

export function installOpenadr3(vtn: VtnServer, config: Openadr3Config = {}, opts: InstallOpenadr3Options = {}): Openadr3Handle {
  const settings = resolveOpenadr3Settings(config, opts);
  const log = vtn.ctx.log;
  const now = () => vtn.ctx.now();
  const catalogue = new ClientCatalogue(settings.clientsFile, log);
  if (catalogue.size === 0) log.info({ clientsFile: settings.clientsFile }, 'OpenADR 3 API has no clients yet: add one with `vtn clients add NAME --role ven|bl`');
  const tokens = new TokenService({
    ttlSeconds: settings.tokenTtlSeconds, issuer: `openadr-vtn:${vtn.ctx.settings.vtnId}`,
    ...(settings.tokenSecret ? { secret: settings.tokenSecret } : {}),
    ...(settings.externalIssuer ? { external: settings.externalIssuer } : {}),
  }, vtn.store);
  const { basePath } = settings;
  const webhooks = new WebhookNotifier({
    store: vtn.store, log, settings: settings.webhooks, now,
    rules: callbackRulesOf(vtn.ctx.settings.push.rules, settings.callbackAllow),
    roleOf: (clientID) => catalogue.recent(clientID)?.role,
  });
  const reads = { events: new EventIndex(vtn.store), grants: new GrantedTargetsCache(vtn.store) };
  const services: Oadr3Services = { vtn, log, settings, now, changes: webhooks, reads, ...(opts.catalogue ? { catalogue: opts.catalogue } : {}) };
  // Events made by the admin API, rules or schedules are published from the core; the 3.1 handlers publish their own.
  const stopEvents = publishCoreEvents(services, webhooks);
  const stopExtras = dropExtrasAfterArchive(vtn.store, log, now);
  vtn.app.addHook('onClose', async () => {
    stopEvents();
    stopExtras();
    webhooks.close();
    reads.events.close();
    reads.grants.close();
  });
  void vtn.app.register(openadr3Plugin, {
    prefix: basePath,
    services,
    // The handlers (every 3.1 object type's module) are imported at the first 3.1 request, not before the first poll.
    handlers: onFirstUse(async () => markedHandlers({ ...(await import('./handlers/index.js')).ALL_HANDLERS, ...opts.handlers })),
    catalogue, tokens, identify: vtn.identify, bodyLimit: vtn.options.bodyLimit ?? DEFAULTS.bodyLimit,
  });
  log.info({ basePath, clients: catalogue.size }, 'OpenADR 3.1 API installed');
  return { settings, basePath, webhooks };
}

/** `load` run once, when first asked; a failed load is tried again by the next ask. */
function onFirstUse<T>(load: () => Promise<T>): () => Promise<T> {
  let loading: Promise<T> | undefined;
  return () => (loading ??= load().catch((err: unknown) => {
    loading = undefined;
    throw err;
  }));
}
