// One audit line per mutating admin request (refused and failed ones too), on disk before the reply leaves.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { clipText } from '../clip-text.js';
import { LineBudget } from '../logging/line-budget.js';
import { summariseBody, type AuditEntry, type AuditLog } from './audit-log.js';

const MUTATING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const MAX_PATH_CHARS = 256;
/** Lines per minute for calls refused before anyone was identified: a stranger's flood costs a count, not a disk. */
export const ANONYMOUS_REFUSALS_PER_MINUTE = 60;

/**
 * The path as fastify routed it: percent-decoded like its router, so /%61dmin/v1/events is logged as
 * /admin/v1/events. A malformed escape stays as sent (fastify answers it with 400).
 */
export function routedPath(url: string): string {
  const raw = url.split('?')[0]!;
  let path = raw;
  try {
    path = decodeURIComponent(raw);
  } catch {
    // Kept raw: the router refused it too.
  }
  return clipText(path, MAX_PATH_CHARS);
}

/** The error code of a failed mutation, read from the JSON reply body. */
function codeOf(payload: unknown): string | undefined {
  if (typeof payload !== 'string') return undefined;
  try {
    const code = (JSON.parse(payload) as { code?: unknown }).code;
    return typeof code === 'string' ? code : undefined;
  } catch {
    return undefined; // Not JSON: the status alone is the result.
  }
}

function entryFor(req: FastifyRequest, reply: FastifyReply, payload: unknown): AuditEntry {
  const body = summariseBody(req.body);
  const code = reply.statusCode >= 400 ? codeOf(payload) : undefined;
  const route = req.routeOptions.url;
  return {
    time: new Date().toISOString(),
    actor: req.actor ?? 'anonymous',
    method: req.method,
    path: routedPath(req.url),
    ...(route !== undefined ? { route } : {}),
    ...(body !== undefined ? { body } : {}),
    result: { status: reply.statusCode, ...(code ? { code } : {}) },
  };
}

declare module 'fastify' {
  interface FastifyRequest {
    /** Set once this request's audit line is written, so an error reply sent after a failed write adds none. */
    audited?: boolean;
  }
}

/** Every POST/PUT/PATCH/DELETE is audited, whatever its path: which paths mutate is the router's business, not ours. */
export function installAuditHooks(app: FastifyInstance, audit: AuditLog, now: () => number = Date.now): void {
  const strangers = new LineBudget(ANONYMOUS_REFUSALS_PER_MINUTE, now);
  app.addHook('onSend', async (req, reply, payload) => {
    if (!MUTATING.has(req.method) || req.audited) return payload;
    req.audited = true;
    let entry = entryFor(req, reply, payload);
    // Identified callers and every accepted call are always written; unidentified refusals share a budget.
    if (entry.actor === 'anonymous' && reply.statusCode >= 400) {
      const budget = strangers.take();
      if (!budget) return payload;
      if (budget.suppressed > 0) entry = { ...entry, suppressedBefore: budget.suppressed };
    }
    try {
      await audit.append(entry);
      return payload;
    } catch (err) {
      // The change may have happened, but the operator must learn that its record did not.
      req.log.error({ err }, 'admin audit line could not be written');
      reply.code(500).type('application/json; charset=utf-8');
      return JSON.stringify({ code: 'E_INTERNAL', message: `the audit line for this request could not be written (${(err as Error).message}); the change may have been applied: check the VTN state and the disk holding audit.log` });
    }
  });
}
