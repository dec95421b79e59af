// /healthz (the process answers), /readyz (store, rules, scheduler — each check listed), /metrics (Prometheus).
import type { FastifyInstance } from 'fastify';
import type { AdminDeps } from '../admin-deps.js';
import { errorReply } from '../schemas/common.js';

export interface ReadinessCheck {
  name: string;
  ok: boolean;
  detail: string;
}

/** Every check, each with a plain reason; an absent optional layer passes as "not installed". */
export function readinessChecks(deps: AdminDeps): ReadinessCheck[] {
  const checks: ReadinessCheck[] = [];
  const storeReady = deps.vtn.store.isReady();
  checks.push({ name: 'store', ok: storeReady, detail: storeReady ? 'state loaded' : 'state store is not open' });
  if (deps.sources.policy) {
    const s = deps.sources.policy.status();
    const failed = s.lastReload?.ok === false;
    const ok = s.version !== undefined && !failed;
    const detail = ok ? `rules version ${s.version} loaded`
      : failed ? `last rule load failed (${s.lastReload!.errors.length} problem(s): ${s.lastReload!.errors[0] ?? 'unknown'})${s.version ? `; version ${s.version} still running` : ''}`
        : 'no rules loaded';
    checks.push({ name: 'rules', ok, detail });
  } else checks.push({ name: 'rules', ok: true, detail: 'not installed' });
  if (deps.sources.schedules) {
    const s = deps.sources.schedules.status();
    const failed = s.lastReload?.ok === false;
    const ok = s.running && !failed;
    checks.push({ name: 'scheduler', ok, detail: !s.running ? 'scheduler is not running' : failed ? `last schedule load failed: ${s.lastReload!.errors[0] ?? 'unknown'}` : `running ${s.schedules ?? 0} schedule(s)` });
  } else checks.push({ name: 'scheduler', ok: true, detail: 'not installed' });
  return checks;
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
    schema: { tags: ['health'], summary: 'Readiness: store ready, rules loaded without error, scheduler running (no token needed); 503 when a check fails', response: { 200: readyReply, 503: readyReply } },
  }, async (_req, reply) => {
    const checks = readinessChecks(deps);
    const ready = checks.every((c) => c.ok);
    return reply.code(ready ? 200 : 503).send({ ready, checks });
  });

  app.get('/metrics', {
    schema: { tags: ['health'], summary: 'Prometheus text exposition (bearer token required when one is configured)', response: { 200: { type: 'string' }, 401: errorReply } },
  }, async (_req, reply) => reply.type(deps.metrics.contentType).send(await deps.metrics.render()));
}
