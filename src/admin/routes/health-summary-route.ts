// GET /admin/v1/health: store, rules and schedules in one answer (ok / degraded / down), for the banner.
import type { FastifyInstance } from 'fastify';
import type { AdminDeps } from '../admin-deps.js';
import { healthSummary } from '../health-summary.js';
import { errorReply } from '../schemas/common.js';
import { healthSummaryReply } from '../schemas/health-schemas.js';

export function registerHealthSummaryRoute(app: FastifyInstance, deps: AdminDeps): void {
  app.get('/health', {
    schema: {
      tags: ['health'],
      summary: 'Health of the store, the rules and the schedules: ok, degraded (a rejected edit, the last good version serving, with file:line:column) or down',
      response: { 200: healthSummaryReply, 401: errorReply },
    },
  }, async () => healthSummary(deps));
}
