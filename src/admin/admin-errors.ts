// Every admin failure is JSON { code, message, hint? }: VtnError codes as they are, plus a few HTTP-level ones.
import type { FastifyError, FastifyInstance } from 'fastify';
import { VtnError } from '../errors.js';
import { clipText } from '../clip-text.js';

/** Codes the admin API adds to the VtnError catalogue (src/errors.ts). */
export const ADMIN_ERROR_CODES = {
  E_BAD_REQUEST: 'A parameter, query or body does not match the route schema.',
  E_UNAUTHORIZED: 'No or an unknown bearer token.',
  E_FORBIDDEN: 'The admin API runs without a token and the request was not addressed to its loopback origin (Host or Origin of another name or site).',
  E_UNSUPPORTED_MEDIA_TYPE: 'A request body that is not JSON (Content-Type other than application/json).',
  E_NOT_FOUND: 'No such route, VEN, event, template or decision.',
  E_NOT_INSTALLED: 'The rules layer, scheduler or template catalogue is not running in this VTN.',
  E_INTERNAL: 'An unexpected failure; the VTN log has the details.',
} as const;

export type AdminErrorCode = keyof typeof ADMIN_ERROR_CODES;

export class AdminHttpError extends Error {
  constructor(readonly status: number, readonly code: AdminErrorCode, message: string) {
    super(message);
  }
}

/** VtnErrors about an unknown id are a 404, a name several VENs carry a 409; every other VtnError is the caller's input, so 400. */
const STATUS_OF: Record<string, number> = { E_EVENT_UNKNOWN: 404, E_VEN_UNKNOWN: 404, E_VEN_AMBIGUOUS: 409 };

export const notInstalled = (what: string): AdminHttpError =>
  new AdminHttpError(503, 'E_NOT_INSTALLED', `${what} is not installed in this VTN (start it with the corresponding files, see README).`);

export function installAdminErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError | VtnError | AdminHttpError, req, reply) => {
    if (err instanceof AdminHttpError) return reply.code(err.status).send({ code: err.code, message: err.message });
    if (err instanceof VtnError) {
      const body = { ...err.details, code: err.code, message: err.message, ...(err.hint ? { hint: err.hint } : {}) };
      return reply.code(STATUS_OF[err.code] ?? 400).send(body);
    }
    const status = err.statusCode ?? 500;
    if (err.validation) return reply.code(400).send({ code: 'E_BAD_REQUEST', message: err.message });
    if (err.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') {
      const type = clipText(String(req.headers['content-type'] ?? 'none'));
      return reply.code(415).send({ code: 'E_UNSUPPORTED_MEDIA_TYPE', message: `the body must be JSON sent with Content-Type: application/json (got ${type})` });
    }
    if (status < 500) return reply.code(status).send({ code: status === 404 ? 'E_NOT_FOUND' : 'E_BAD_REQUEST', message: err.message });
    req.log.error({ err }, 'admin API internal error');
    return reply.code(500).send({ code: 'E_INTERNAL', message: 'internal error; see the VTN log' });
  });
  app.setNotFoundHandler((req, reply) => reply.code(404).send({ code: 'E_NOT_FOUND', message: `no route ${req.method} ${req.url.split('?')[0]}` }));
}
