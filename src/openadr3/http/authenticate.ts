// The 3.1 identity gate: a bearer token → a principal, before any handler runs; then the operation's scopes.
import type { FastifyRequest } from 'fastify';
import type { TokenService } from '../auth/token-service.js';
import { grants, type Principal } from '../auth/scopes.js';
import { Oadr3Problem } from './problem.js';

const BEARER = /^Bearer ([A-Za-z0-9._~+/=-]{1,4096})$/;

export async function authenticate(req: FastifyRequest, tokens: TokenService, now: Date): Promise<Principal> {
  const header = req.headers.authorization;
  if (!header) throw new Oadr3Problem(401, 'no access token: send "Authorization: Bearer <token>" with a token from POST /auth/token', { challenge: true });
  const match = BEARER.exec(header);
  if (!match?.[1]) throw new Oadr3Problem(401, 'the Authorization header is not "Bearer <token>"', { challenge: true });
  const principal = await tokens.verify(match[1], now);
  if (!principal) throw new Oadr3Problem(401, 'the access token is invalid or expired: get a new one from POST /auth/token', { challenge: true });
  return principal;
}

export function authorize(principal: Principal, required: readonly string[], operationId: string): void {
  if (grants(principal.scopes, required)) return;
  throw new Oadr3Problem(403, `${operationId} needs scope ${required.join(' ')}; this ${principal.role === 'bl' ? 'business-logic' : 'VEN'} client has ${[...principal.scopes].join(' ') || 'none'}`);
}
