// GET /auth/server and POST /auth/token (client-credential flow, RFC 6749 §4.4 error bodies).
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ClientCatalogue } from '../auth/client-catalogue.js';
import { verifySecret } from '../auth/secret-hash.js';
import type { TokenService } from '../auth/token-service.js';

type AuthErrorCode = 'invalid_request' | 'invalid_client' | 'unsupported_grant_type';

function authError(reply: FastifyReply, status: number, error: AuthErrorCode, description: string): FastifyReply {
  return reply.code(status).header('cache-control', 'no-store').send({ error, error_description: description });
}

export function registerAuthRoutes(app: FastifyInstance, deps: { catalogue: ClientCatalogue | undefined; tokens: TokenService; now: () => Date }): void {
  app.get('/auth/server', async (req) => ({ tokenURL: `${req.protocol}://${req.host}${req.url.replace(/\/auth\/server(\?.*)?$/, '/auth/token')}` }));

  app.post('/auth/token', async (req, reply) => {
    const form = (req.body ?? {}) as Record<string, string | undefined>;
    // Credentials in the form body, or HTTP Basic (RFC 6749 §2.3.1), or the reference implementation's headers.
    const basic = parseBasic(req.headers.authorization);
    const clientId = form.client_id ?? basic?.id ?? header(req.headers.clientid);
    const secret = form.client_secret ?? basic?.secret ?? header(req.headers.clientsecret);
    const grant = form.grant_type ?? (header(req.headers.clientid) ? 'client_credentials' : undefined);
    if (!grant) return authError(reply, 400, 'invalid_request', 'grant_type is missing: send grant_type=client_credentials');
    if (grant !== 'client_credentials') return authError(reply, 400, 'unsupported_grant_type', `grant_type "${grant.slice(0, 64)}" is not offered: use client_credentials`);
    if (!clientId || !secret) return authError(reply, 400, 'invalid_request', 'client_id and client_secret are required (form fields or HTTP Basic)');
    const client = deps.catalogue?.find(clientId);
    // One answer for unknown client and wrong secret: nothing tells a stranger which clientIDs exist.
    if (!client || !verifySecret(secret, client.secretHash)) return authError(reply, 401, 'invalid_client', 'unknown client or wrong secret');
    return reply.header('cache-control', 'no-store').send(await deps.tokens.issue(client, deps.now()));
  });
}

function header(value: string | string[] | undefined): string | undefined {
  return typeof value === 'string' && value.length > 0 && value.length <= 4096 ? value : undefined;
}

function parseBasic(value: string | undefined): { id: string; secret: string } | undefined {
  if (!value?.startsWith('Basic ') || value.length > 8192) return undefined;
  const text = Buffer.from(value.slice(6), 'base64').toString('utf8');
  const colon = text.indexOf(':');
  if (colon <= 0) return undefined;
  try {
    return { id: decodeURIComponent(text.slice(0, colon)), secret: decodeURIComponent(text.slice(colon + 1)) };
  } catch {
    return undefined;
  }
}
