// Bearer-token check for the admin API; the actor it finds names the operator in the audit log.
import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';

/** Routes anyone who can reach the port may call: liveness and readiness probes carry no token. */
export const PUBLIC_PATHS = new Set(['/healthz', '/readyz']);

const digest = (s: string): Buffer => createHash('sha256').update(s).digest();

export class BearerAuth {
  readonly #tokens: { hash: Buffer; actor: string }[];

  constructor(tokens: ReadonlyMap<string, string>) {
    this.#tokens = [...tokens].map(([token, actor]) => ({ hash: digest(token), actor }));
  }

  get enabled(): boolean {
    return this.#tokens.length > 0;
  }

  /** The actor for an Authorization header, or undefined. Compares digests in constant time. */
  actorFor(header: string | undefined): string | undefined {
    if (!this.enabled) return 'local';
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
    if (!match) return undefined;
    const presented = digest(match[1]!);
    let actor: string | undefined;
    for (const t of this.#tokens) if (timingSafeEqual(t.hash, presented)) actor = t.actor;
    return actor;
  }

  /** onRequest hook: 401 with a reason unless the matched route is public or the token is known. */
  hook = async (req: FastifyRequest, reply: FastifyReply): Promise<void> => {
    const route = req.routeOptions.url;
    if (route !== undefined && PUBLIC_PATHS.has(route)) return;
    const actor = this.actorFor(req.headers.authorization);
    if (actor !== undefined) {
      req.actor = actor;
      return;
    }
    const reason = req.headers.authorization ? 'the bearer token is not valid' : 'send Authorization: Bearer <admin token>';
    await reply.code(401).header('www-authenticate', 'Bearer realm="openadr-vtn admin"').send({ code: 'E_UNAUTHORIZED', message: reason });
  };
}

declare module 'fastify' {
  interface FastifyRequest {
    /** Who made the request: the token's name, 'local' without auth; unset when refused. */
    actor?: string;
  }
}
