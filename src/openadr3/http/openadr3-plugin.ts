// The OpenADR 3.1.0 REST API on the VTN's own server: every operation of the document, behind one identity gate.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { clipText } from '../../clip-text.js';
import type { ClientCatalogue } from '../auth/client-catalogue.js';
import type { TokenService } from '../auth/token-service.js';
import type { IdentityResolver } from '../../security/client-identity.js';
import { operations, type Operation } from '../spec/operations.js';
import { describeErrors, validatorForSchema } from '../spec/schema-validators.js';
import { authenticate, authorize } from './authenticate.js';
import { registerAuthRoutes } from './auth-routes.js';
import type { Oadr3Handlers, Oadr3Services } from './handler-types.js';
import { Oadr3Problem, problemBody } from './problem.js';

export interface Openadr3PluginOptions {
  services: Oadr3Services;
  /** The operation handlers, loaded when the first request needs them. */
  handlers: () => Promise<Oadr3Handlers>;
  catalogue: ClientCatalogue | undefined;
  tokens: TokenService;
  identify: IdentityResolver | undefined;
  bodyLimit: number;
}

const AUTH_OPERATIONS = new Set(['getAuthServerInfo', 'fetchToken']);

export async function openadr3Plugin(app: FastifyInstance, opts: Openadr3PluginOptions): Promise<void> {
  const { services } = opts;
  // The 2.0b routes take every body as text; here JSON (and the token endpoint's form) are parsed, within the same limit.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('application/json', { parseAs: 'string', bodyLimit: opts.bodyLimit }, (_req, body, done) => {
    try {
      done(null, body === '' ? undefined : JSON.parse(body as string));
    } catch (err) {
      done(new Oadr3Problem(400, `the body is not JSON: ${(err as Error).message}`), undefined);
    }
  });
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: opts.bodyLimit }, (_req, body, done) => {
    done(null, Object.fromEntries(new URLSearchParams(body as string)));
  });
  app.addContentTypeParser('*', { parseAs: 'string', bodyLimit: opts.bodyLimit }, (req, _body, done) => {
    done(new Oadr3Problem(415, `content-type ${clipText(String(req.headers['content-type']), 64)} is not accepted: send application/json`), undefined);
  });

  app.setErrorHandler((err: Error & { statusCode?: number }, req, reply) => {
    if (err instanceof Oadr3Problem) return sendProblem(reply, err.status, err.detail, err.extra.challenge === true);
    const status = err.statusCode ?? 500;
    if (status === 413) return sendProblem(reply, 413, `the body is over the limit of ${opts.bodyLimit} bytes`);
    if (status < 500) return sendProblem(reply, 400, err.message);
    services.log.error({ err, method: req.method, route: req.routeOptions.url ?? clipText(req.url, 128) }, 'internal error in the OpenADR 3 API');
    return sendProblem(reply, 500, 'internal error; see the VTN log');
  });
  app.setNotFoundHandler((req, reply) => sendProblem(reply, 404, `no OpenADR 3 route ${req.method} ${clipText(req.url, 128)}`));

  registerAuthRoutes(app, { catalogue: opts.catalogue, tokens: opts.tokens, now: services.now });
  for (const op of operations()) {
    if (AUTH_OPERATIONS.has(op.operationId)) continue;
    app.route({ method: op.method.toUpperCase() as 'GET', url: op.route, handler: (req, reply) => serve(op, req, reply, opts) });
  }
}

async function serve(op: Operation, req: FastifyRequest, reply: FastifyReply, opts: Openadr3PluginOptions): Promise<FastifyReply> {
  const { services } = opts;
  const principal = await authenticate(req, opts, services.now());
  authorize(principal, op.scopes, op.operationId);
  if (op.requestSchema) {
    if (req.body === undefined) throw new Oadr3Problem(400, `${op.operationId} needs a JSON body`);
    const validate = validatorForSchema(`request:${op.operationId}`, op.requestSchema);
    if (!validate(req.body)) {
      const problems = describeErrors(validate.errors);
      throw new Oadr3Problem(400, `the body does not match the ${op.operationId} schema: ${problems.map((p) => `${p.path} ${p.message}`).join('; ')}`);
    }
  }
  const handler = (await opts.handlers())[op.operationId];
  if (!handler) throw new Oadr3Problem(501, `${op.operationId} is not offered by this VTN`);
  const answer = await handler(services, {
    principal, params: req.params as Record<string, string>, query: req.query as Record<string, string | string[] | undefined>, body: req.body,
  });
  return reply.code(answer.status).send(answer.body);
}

function sendProblem(reply: FastifyReply, status: number, detail: string, challenge = false): FastifyReply {
  if (challenge) reply.header('www-authenticate', 'Bearer realm="openadr3"');
  return reply.code(status).type('application/problem+json').send(problemBody(status, detail));
}
