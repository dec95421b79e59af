// The 3.1 identity gate, before any handler runs: a bearer token, or a catalogue client's certificate over mutual TLS.
import type { FastifyRequest } from 'fastify';
import type { ClientCatalogue } from '../auth/client-catalogue.js';
import type { TokenService } from '../auth/token-service.js';
import { scopesOf } from '../auth/token-service.js';
import { grants, type Principal } from '../auth/scopes.js';
import type { IdentityResolver } from '../../security/client-identity.js';
import { Oadr3Problem } from './problem.js';

const BEARER = /^Bearer ([A-Za-z0-9._~+/=-]{1,4096})$/;

export interface IdentityGate {
  tokens: TokenService;
  catalogue: ClientCatalogue | undefined;
  /** The server's TLS / trusted-proxy identity (absent without TLS or a proxy). */
  identify: IdentityResolver | undefined;
}

export async function authenticate(req: FastifyRequest, gate: IdentityGate, now: Date): Promise<Principal> {
  const fingerprint = gate.identify?.(req).fingerprint;
  const header = req.headers.authorization;
  if (!header) return byCertificate(gate, fingerprint);
  const match = BEARER.exec(header);
  if (!match?.[1]) throw new Oadr3Problem(401, 'the Authorization header is not "Bearer <token>"', { challenge: true });
  const principal = await gate.tokens.verify(match[1], now);
  if (!principal) throw new Oadr3Problem(401, 'the access token is invalid or expired: get a new one from POST /auth/token', { challenge: true });
  // A client bound to a certificate: its token counts only on a connection that presents that certificate.
  const bound = principal.via === 'token' ? gate.catalogue?.recent(principal.clientID)?.fingerprint : undefined;
  if (bound && bound !== fingerprint) {
    throw new Oadr3Problem(401, `client ${principal.clientID} is bound to certificate ${bound}: send its token over mutual TLS with that certificate`, { challenge: true });
  }
  return fingerprint ? { ...principal, fingerprint } : principal;
}

function byCertificate(gate: IdentityGate, fingerprint: string | undefined): Principal {
  const client = fingerprint ? gate.catalogue?.findByFingerprint(fingerprint) : undefined;
  if (client) return { clientID: client.clientID, role: client.role, scopes: new Set(scopesOf(client)), via: 'certificate', fingerprint: fingerprint! };
  const detail = fingerprint
    ? `no access token, and certificate ${fingerprint} belongs to no client in the catalogue: send "Authorization: Bearer <token>", or add the certificate with \`vtn clients add NAME --certificate FILE\``
    : 'no access token: send "Authorization: Bearer <token>" with a token from POST /auth/token';
  throw new Oadr3Problem(401, detail, { challenge: true });
}

export function authorize(principal: Principal, required: readonly string[], operationId: string): void {
  if (grants(principal.scopes, required)) return;
  throw new Oadr3Problem(403, `${operationId} needs scope ${required.join(' ')}; this ${principal.role === 'bl' ? 'business-logic' : 'VEN'} client has ${[...principal.scopes].join(' ') || 'none'}`);
}
