// Builds the admin fastify instance (auth, audit, OpenAPI, routes); never listens, so tests can inject.
import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type { AdminDeps } from './admin-deps.js';
import { installAdminErrorHandling } from './admin-errors.js';
import { installAuditHooks } from './audit-hooks.js';
import { BearerAuth } from './auth.js';
import { DOCS_PATH, OPENAPI_PATH, registerOpenApi } from './openapi.js';
import { registerDecisionRoutes } from './routes/decision-routes.js';
import { registerEventRoutes } from './routes/event-routes.js';
import { registerHealthRoutes } from './routes/health-routes.js';
import { registerPolicyRoutes } from './routes/policy-routes.js';
import { registerReportRoutes } from './routes/report-routes.js';
import { registerVenRoutes } from './routes/ven-routes.js';
import { formatSchemaErrors } from './schema-errors.js';
import { isDashboardPath, registerDashboard } from './ui/dashboard-plugin.js';

export const API_PREFIX = '/admin/v1';

export interface AdminAppOptions {
  /** token → actor; empty disables auth (the server then binds to loopback only). */
  tokens: ReadonlyMap<string, string>;
  logger?: FastifyBaseLogger;
  /** Shown in the OpenAPI document. */
  version?: string;
}

export function buildAdminApp(deps: AdminDeps, opts: AdminAppOptions): FastifyInstance {
  const app = Fastify({
    ...(opts.logger ? { loggerInstance: opts.logger } : { logger: false }),
    logController: new LogController({ disableRequestLogging: true }),
    // Report unknown fields and every problem instead of silently dropping them.
    ajv: { customOptions: { removeAdditional: false, allErrors: true, coerceTypes: 'array', useDefaults: true } },
    schemaErrorFormatter: formatSchemaErrors,
  });
  installAdminErrorHandling(app);
  const auth = new BearerAuth(opts.tokens);
  // Documentation and the dashboard's files hold no data, and a browser cannot send a bearer header for a page.
  const isDocs = (url: string) => url === OPENAPI_PATH || url.startsWith(DOCS_PATH) || isDashboardPath(url);
  app.addHook('onRequest', async (req, reply) => {
    if (!isDocs(req.url.split('?')[0]!)) await auth.hook(req, reply);
  });
  installAuditHooks(app, deps.audit, API_PREFIX);
  registerOpenApi(app, opts.version ?? '1');
  registerDashboard(app, { authRequired: auth.enabled, sources: deps.sources });
  app.register(async (scope) => registerHealthRoutes(scope, deps));
  app.register(async (api) => {
    registerVenRoutes(api, deps);
    registerEventRoutes(api, deps);
    registerReportRoutes(api, deps);
    registerPolicyRoutes(api, deps);
    registerDecisionRoutes(api, deps);
  }, { prefix: API_PREFIX });
  return app;
}
