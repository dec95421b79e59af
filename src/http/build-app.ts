// Builds the fastify instance with plugins in a fixed order; never listens (tests use inject or listen themselves).
import Fastify, { LogController, type FastifyInstance, type FastifyBaseLogger } from 'fastify';
import { clipText } from '../clip-text.js';
import type { Vtn } from '../vtn/vtn.js';
import { registerOpenAdrRoutes, type OpenAdrRouteOptions } from './openadr-routes.js';

export interface AppOptions extends OpenAdrRouteOptions {
  logger?: FastifyBaseLogger;
}

export function buildApp(vtn: Vtn, opts: AppOptions): FastifyInstance {
  const base = {
    ...(opts.logger ? { loggerInstance: opts.logger } : { logger: false }),
    bodyLimit: opts.bodyLimit,
    // One log line per OpenADR message is written by the route instead of fastify's request/response pair.
    logController: new LogController({ disableRequestLogging: true }),
    // OpenADR VENs poll on long-lived connections.
    keepAliveTimeout: 65_000,
  };
  // With TLS the server is https (mutual TLS); the routes are typed against the plain server, which they do not touch.
  const https = opts.security?.https;
  const app = (https ? Fastify({ ...base, https }) : Fastify(base)) as unknown as FastifyInstance;
  app.setErrorHandler((err: Error & { statusCode?: number; code?: string }, req, reply) => {
    const status = err.statusCode ?? 500;
    if (status === 413) return reply.code(413).type('text/plain; charset=utf-8').send(`request body over the limit of ${opts.bodyLimit} bytes`);
    if (status < 500) return reply.code(400).type('text/plain; charset=utf-8').send(err.message);
    // Through the VTN's own logger: fastify may have none (a programmer's logger, or logging off).
    vtn.ctx.log.error({ err, reqId: req.id, method: req.method, route: req.routeOptions.url ?? clipText(req.url, 128) }, 'internal error while handling a request');
    return reply.code(500).type('text/plain; charset=utf-8').send('internal error; see the VTN log');
  });
  app.setNotFoundHandler((req, reply) => reply.code(404).type('text/plain; charset=utf-8').send(`no route ${req.method} ${req.url}`));
  registerOpenAdrRoutes(app, vtn, opts);
  return app;
}
