// Everything the admin server answers: the OpenAPI document and Swagger UI, the dashboard, health and the API routes.
import type { FastifyInstance } from 'fastify';
import type { AdminDeps } from './admin-deps.js';
import { API_PREFIX } from './admin-paths.js';
import { registerOpenApi } from './openapi.js';
import { registerDecisionRoutes } from './routes/decision-routes.js';
import { registerEventRoutes } from './routes/event-routes.js';
import { registerFleetRoutes } from './routes/fleet-routes.js';
import { registerHealthRoutes } from './routes/health-routes.js';
import { registerHealthSummaryRoute } from './routes/health-summary-route.js';
import { registerPolicyRoutes } from './routes/policy-routes.js';
import { registerPushRoutes } from './routes/push-routes.js';
import { registerRebindRoute } from './routes/rebind-route.js';
import { registerRefusalRoutes } from './routes/refusal-routes.js';
import { registerReportRoutes } from './routes/report-routes.js';
import { registerTotalsRoute } from './routes/totals-route.js';
import { registerVenRoutes } from './routes/ven-routes.js';
import { registerFieldVenRoutes } from './routes/field-ven-routes.js';
import { registerWebhookRoutes } from './routes/webhook-routes.js';
import { registerOa3VenRoutes } from './routes/oa3-ven-routes.js';
import { registerDashboard } from './ui/dashboard-plugin.js';
import { installVenRefHook } from './ven-resolver.js';

export function registerAdminSurface(app: FastifyInstance, deps: AdminDeps, opts: { authRequired: boolean; version: string }): void {
  registerOpenApi(app, opts.version);
  registerDashboard(app, { authRequired: opts.authRequired, sources: deps.sources });
  app.register(async (scope) => registerHealthRoutes(scope, deps));
  app.register(async (api) => {
    installVenRefHook(api, deps.vtn);
    registerVenRoutes(api, deps);
    registerFieldVenRoutes(api, deps);
    registerRebindRoute(api, deps);
    registerPushRoutes(api, deps);
    registerEventRoutes(api, deps);
    registerReportRoutes(api, deps);
    registerPolicyRoutes(api, deps);
    registerHealthSummaryRoute(api, deps);
    registerDecisionRoutes(api, deps);
    registerRefusalRoutes(api, deps);
    registerFleetRoutes(api, deps);
    registerTotalsRoute(api, deps);
    registerWebhookRoutes(api, deps);
    registerOa3VenRoutes(api, deps);
  }, { prefix: API_PREFIX });
}
