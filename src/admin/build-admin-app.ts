// Builds the admin fastify instance (auth, audit, OpenAPI, routes); never listens, so tests can inject.
import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type { AdminDeps } from './admin-deps.js';
import { installAdminErrorHandling } from './admin-errors.js';
import { installAuditHooks } from './audit-hooks.js';
import { BearerAuth } from './auth.js';
import { loopbackGuard } from './loopback-guard.js';
import { DOCS_PATH, OPENAPI_PATH } from './admin-paths.js';
import { formatSchemaErrors } from './schema-errors.js';
import { lazySchemaCompilers, type LazySchemaCompilers } from '../http/lazy-schema-compilers.js';
import { isDashboardPath } from './ui/dashboard-plugin.js';

export { API_PREFIX } from './admin-paths.js';

export interface AdminAppOptions {
  /** token → actor; empty disables auth (the server then binds to loopback only). */
  tokens: ReadonlyMap<string, string>;
  logger?: FastifyBaseLogger;
  /** Shown in the OpenAPI document. */
  version?: string;
  /** Route schemas compile on first use through these (a test passes its own to compile them all). */
  schemaCompilers?: LazySchemaCompilers;
}

// Every answer: no MIME sniffing, never framed; a page that sets its own policy (dashboard, docs) keeps it.
function installSecurityHeaders(app: FastifyInstance): void {
  app.addHook('onSend', async (_req, reply, payload) => {
    reply.header('x-content-type-options', 'nosniff');
    if (!reply.hasHeader('content-security-policy')) reply.header('content-security-policy', "default-src 'none'; frame-ancestors 'none'");
    return payload;
  });
}

export function buildAdminApp(deps: AdminDeps, opts: AdminAppOptions): FastifyInstance {
  const app = Fastify({
    ...(opts.logger ? { loggerInstance: opts.logger } : { logger: false }),
    logController: new LogController({ disableRequestLogging: true }),
    // Report unknown fields and every problem instead of silently dropping them.
    // No optimiser passes: its ~40 route schemas are compiled on every start and run a few times a second at most.
    ajv: { customOptions: { removeAdditional: false, allErrors: true, coerceTypes: 'array', useDefaults: true, code: { optimize: false } } },
    schemaController: { compilersFactory: (opts.schemaCompilers ?? lazySchemaCompilers()).compilersFactory },
    schemaErrorFormatter: formatSchemaErrors,
  });
  installAdminErrorHandling(app);
  // Only JSON bodies: a browser may send text/plain or a form cross-site without asking, never application/json.
  app.removeContentTypeParser('text/plain');
  installSecurityHeaders(app);
  const auth = new BearerAuth(opts.tokens);
  // Documentation and the dashboard's files hold no data, and a browser cannot send a bearer header for a page.
  // Decided on the route fastify matched, never on the raw URL (which may spell the same path differently).
  const isDocs = (route: string | undefined) => route !== undefined && (route === OPENAPI_PATH || route.startsWith(DOCS_PATH) || isDashboardPath(route));
  app.addHook('onRequest', async (req, reply) => {
    if (!auth.enabled) await loopbackGuard(req, reply);
    if (!reply.sent && !isDocs(req.routeOptions.url)) await auth.hook(req, reply);
  });
  installAuditHooks(app, deps.audit, () => deps.vtn.ctx.now().getTime());
  // The documentation, the dashboard and the routes are imported when the app gets ready (in `vtn start`, after the
  // OpenADR port opened): one context holds them, so the OpenAPI document sees every route.
  const surface = { authRequired: auth.enabled, version: opts.version ?? '1' };
  app.register(async (root) => (await import('./admin-surface.js')).registerAdminSurface(root, deps, surface));
  return app;
}
