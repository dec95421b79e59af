// Fastify hooks that write one audit line per mutating admin request, including refused ones.
import type { FastifyInstance } from 'fastify';
import { summariseBody, type AuditLog } from './audit-log.js';

const MUTATING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

declare module 'fastify' {
  interface FastifyRequest {
    /** Error code of a failed mutation, read from the reply body for the audit line. */
    auditCode?: string;
  }
}

export function installAuditHooks(app: FastifyInstance, audit: AuditLog, apiPrefix: string): void {
  const audited = (method: string, url: string) => MUTATING.has(method) && url.startsWith(apiPrefix);

  app.addHook('onSend', async (req, reply, payload) => {
    if (audited(req.method, req.url) && reply.statusCode >= 400 && typeof payload === 'string') {
      try {
        const code = (JSON.parse(payload) as { code?: unknown }).code;
        if (typeof code === 'string') req.auditCode = code;
      } catch {
        // Not JSON: the status alone is the result.
      }
    }
    return payload;
  });

  app.addHook('onResponse', async (req, reply) => {
    if (!audited(req.method, req.url)) return;
    const body = summariseBody(req.body);
    audit.append({
      time: new Date().toISOString(),
      actor: req.actor ?? 'anonymous',
      method: req.method,
      path: req.url,
      ...(body !== undefined ? { body } : {}),
      result: { status: reply.statusCode, ...(req.auditCode ? { code: req.auditCode } : {}) },
    });
  });
}
