// OpenADR over simple HTTP: POST <prefix>/<Service>, XML in, XML out; bad input is a 400, never a 500.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { decodeOadrPayload, encodeOadrPayload, OadrWireError } from '../oadr/index.js';
import { OADR_SERVICES, type OadrMessage, type OadrService } from '../oadr/model.js';
import { errorReply } from '../vtn/replies.js';
import type { Vtn } from '../vtn/vtn.js';

const XML_TYPE = 'application/xml; charset=utf-8';

export interface OpenAdrRouteOptions {
  prefix: string;
  bodyLimit: number;
  /** Finds the TLS client-certificate fingerprint of a request, when TLS is on. */
  fingerprintOf?: (req: FastifyRequest) => string | undefined;
}

export function registerOpenAdrRoutes(app: FastifyInstance, vtn: Vtn, opts: OpenAdrRouteOptions): void {
  // Every body arrives as a string; the route decides what is acceptable so errors are ours, not fastify's 415.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'string', bodyLimit: opts.bodyLimit }, (_req, body, done) => done(null, body));

  const services = new Set<string>(OADR_SERVICES);
  app.route({
    method: ['GET', 'PUT', 'DELETE', 'PATCH', 'HEAD', 'OPTIONS'],
    url: `${opts.prefix}/:service`,
    handler: async (req, reply) => {
      const { service } = req.params as { service: string };
      if (!services.has(service)) return sendText(reply, 404, `unknown OpenADR service ${service}`);
      return reply.code(405).header('allow', 'POST').type('text/plain; charset=utf-8').send('only POST is allowed');
    },
  });
  app.post(`${opts.prefix}/:service`, async (req, reply) => {
    const { service } = req.params as { service: string };
    if (!services.has(service)) return sendText(reply, 404, `unknown OpenADR service ${service}; use one of ${OADR_SERVICES.join(', ')}`);
    return handleOpenAdr(vtn, service as OadrService, req, reply, opts);
  });
}

async function handleOpenAdr(vtn: Vtn, service: OadrService, req: FastifyRequest, reply: FastifyReply, opts: OpenAdrRouteOptions) {
  const started = performance.now();
  const contentType = req.headers['content-type'] ?? '';
  if (!/^application\/xml\b/i.test(contentType)) {
    return sendText(reply, 400, `Content-Type must be application/xml, got "${contentType || 'none'}"`);
  }
  const body = typeof req.body === 'string' ? req.body : '';
  if (!body.trim()) return sendText(reply, 400, 'the request body is empty; send an oadrPayload');

  // 1. decode (namespace-aware, hostile input refused)
  let msg: OadrMessage;
  try {
    msg = decodeOadrPayload(body, { maxBytes: opts.bodyLimit }).message;
  } catch (err) {
    if (!(err instanceof OadrWireError)) throw err;
    if (err.code === 'E_PAYLOAD' && err.messageType) {
      // A recognisable message with bad content: answer in-band so the VEN learns what was wrong.
      const bad = errorReply(err.messageType, 454, err.reason, { requestId: err.requestId, venId: err.venId, vtnId: vtn.ctx.settings.vtnId });
      logMessage(vtn, req, service, err.messageType, err.venId, 454, started);
      return sendXml(reply, vtn, bad);
    }
    logMessage(vtn, req, service, err.messageType ?? 'invalid', err.venId, 400, started);
    return sendText(reply, 400, err.reason);
  }
  // 2. identify (TLS fingerprint when available) and 3. dispatch to the service
  const fingerprint = opts.fingerprintOf?.(req);
  const answer = await vtn.dispatch(service, msg, fingerprint ? { fingerprint } : {});
  const venId = 'venId' in msg ? msg.venId : undefined;
  if (!answer) {
    logMessage(vtn, req, service, msg.type, venId, 200, started);
    return reply.code(200).send('');
  }
  logMessage(vtn, req, service, msg.type, venId, 'response' in answer && answer.response ? answer.response.responseCode : 200, started, answer.type);
  return sendXml(reply, vtn, answer);
}

function sendXml(reply: FastifyReply, vtn: Vtn, msg: OadrMessage) {
  const xml = encodeOadrPayload(msg, { intervalDtstart: vtn.ctx.settings.intervalDtstart });
  return reply.code(200).header('content-type', XML_TYPE).send(xml);
}

function sendText(reply: FastifyReply, status: number, text: string) {
  return reply.code(status).type('text/plain; charset=utf-8').send(text);
}

function logMessage(vtn: Vtn, req: FastifyRequest, service: string, type: string, venId: string | undefined, code: number, started: number, replyType?: string) {
  const line = { service, type, venId, code, replyType, ms: Math.round((performance.now() - started) * 100) / 100, reqId: req.id };
  vtn.messages.notify(line);
  // Polls are the bulk of traffic: keep them out of the info log unless they carry something.
  if (type === 'oadrPoll' && replyType === 'oadrResponse' && code === 200) vtn.ctx.log.debug(line, 'openadr message');
  else vtn.ctx.log.info(line, 'openadr message');
}
