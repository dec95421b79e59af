// /healthz (the process answers), /readyz (store, rules, scheduler — each check listed), /metrics (Prometheus).
import type { FastifyInstance } from 'fastify';
import type { AdminDeps } from '../admin-deps.js';
import { healthSummary } from '../health-summary.js';
import { errorReply } from '../schemas/common.js';

export interface ReadinessCheck {
  name: string;
  ok: boolean;
  detail: string;
}

/** Every check, each with a plain reason; ready while something good serves (a rejected edit is "degraded", not "down"). */
export function readinessChecks(deps: AdminDeps): ReadinessCheck[] {
  const h = healthSummary(deps);
  return ([['store', h.store], ['rules', h.policy], ['scheduler', h.schedules]] as const).map(([name, c]) => ({ name, ok: c.status !== 'down', detail: c.detail }));
}

const readyReply = {
  type: 'object',
  properties: {
    ready: { type: 'boolean' },
    checks: { type: 'array', items: { type: 'object', properties: { name: { type: 'string' }, ok: { type: 'boolean' }, detail: { type: 'string' } } } },
  },
} as const;

export function registerHealthRoutes(app: FastifyInstance, deps: AdminDeps): void {
  const started = Date.now();
  app.get('/healthz', {
    schema: { tags: ['health'], summary: 'Liveness: the process answers (no token needed)', response: { 200: { type: 'object', properties: { status: { type: 'string' }, uptimeSeconds: { type: 'number' } } } } },
  }, async () => ({ status: 'ok', uptimeSeconds: Math.round((Date.now() - started) / 1000) }));

  app.get('/readyz', {
    schema: { tags: ['health'], summary: 'Readiness: store open, a good rule version serving, scheduler running (no token needed); 503 when a check fails. A rejected edit while the last good version serves stays ready (see GET /admin/v1/health)', response: { 200: readyReply, 503: readyReply } },
  }, async (_req, reply) => {
    const checks = readinessChecks(deps);
    const ready = checks.every((c) => c.ok);
    return reply.code(ready ? 200 : 503).send({ ready, checks });
  });

  app.get('/metrics', {
    schema: { tags: ['health'], summary: 'Prometheus text exposition (bearer token required when one is configured)', response: { 200: { type: 'string' }, 401: errorReply } },
  }, async (_req, reply) => reply.type(deps.metrics.contentType).send(await deps.metrics.render()));
}
