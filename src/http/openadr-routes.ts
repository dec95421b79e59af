// OpenADR over simple HTTP: POST <prefix>/<Service>, XML in, XML out; bad input is a 400, never a 500.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { decodeOadrPayload, encodeOadrPayload, OadrWireError, type DecodedPayload } from '../oadr/index.js';
import { OADR_SERVICES, type OadrMessage, type OadrService } from '../oadr/model.js';
import type { MessageSecurity } from '../security/message-security.js';
import type { Connection } from '../vtn/identity-gate.js';
import { errorReply } from '../vtn/replies.js';
import type { Vtn } from '../vtn/vtn.js';
import { clipText } from '../clip-text.js';
import type { RepeatedPolls } from './repeated-polls.js';

const XML_TYPE = 'application/xml; charset=utf-8';

export interface OpenAdrRouteOptions {
  prefix: string;
  bodyLimit: number;
  /** Client identity (TLS or trusted proxy), inbound signature checks and reply signing. */
  security?: MessageSecurity;
  /** Decoded polls kept by their bytes (repeated-polls.ts); absent: every body is decoded. */
  repeatedPolls?: RepeatedPolls;
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

  // 1. decode (namespace-aware, hostile input refused), unless these exact bytes came from their VEN before
  const polls = service === 'OadrPoll' ? opts.repeatedPolls : undefined;
  const kept = polls?.get(body);
  let decoded: DecodedPayload;
  try {
    decoded = kept ?? decodeOadrPayload(body, { maxBytes: opts.bodyLimit });
  } catch (err) {
    if (!(err instanceof OadrWireError)) throw err;
    if (err.code === 'E_PAYLOAD' && err.messageType) {
      // A recognisable message with bad content: answer in-band so the VEN learns what was wrong.
      const bad = errorReply(err.messageType, 454, err.reason, { requestId: err.requestId, venId: err.venId, vtnId: vtn.ctx.settings.vtnId });
      logMessage(vtn, req, service, err.messageType, err.venId, 454, started);
      return sendXml(reply, vtn, bad, opts);
    }
    logMessage(vtn, req, service, err.messageType ?? 'invalid', err.venId, 400, started);
    return sendText(reply, 400, err.reason);
  }
  const msg = decoded.message;
  const venId = 'venId' in msg ? msg.venId : undefined;
  // 2. identify: the verified client certificate, or a trusted proxy's header
  const identity = opts.security?.identify?.(req);
  if (identity && !identity.fingerprint) {
    const budget = vtn.ctx.refusals.lines.take();
    const line = { service, type: msg.type, venId: venId === undefined ? undefined : clipText(venId), peer: req.socket.remoteAddress, reason: identity.missing };
    if (budget) vtn.ctx.log.warn({ ...line, ...(budget.suppressed ? { suppressed: budget.suppressed } : {}) }, 'request without client identity refused');
    logMessage(vtn, req, service, msg.type, venId, 403, started);
    return sendText(reply, 403, `a client certificate is required: ${identity.missing}`);
  }
  const fingerprint = identity?.fingerprint;
  // 3. the identity gate (src/vtn/identity-gate.ts) decides who is speaking and runs the signature check
  //    against the VEN the message names; only the signed bytes count from there on
  let speaker: string | undefined;
  const conn: Connection = {
    ...(fingerprint ? { fingerprint } : {}),
    ...(opts.security ? { checkSignature: opts.security.inbound.checkFor(body, decoded, fingerprint) } : {}),
    onSpeaker: (proven) => { speaker = proven; },
  };
  const answer = await vtn.dispatch(service, msg, conn);
  if (!kept) polls?.remember(body, decoded, speaker);
  if (!answer) {
    logMessage(vtn, req, service, msg.type, venId, 200, started, undefined, speaker);
    return reply.code(200).send('');
  }
  logMessage(vtn, req, service, msg.type, venId, 'response' in answer && answer.response ? answer.response.responseCode : 200, started, answer.type, speaker);
  return sendXml(reply, vtn, answer, opts);
}

function sendXml(reply: FastifyReply, vtn: Vtn, msg: OadrMessage, opts: OpenAdrRouteOptions) {
  const xml = encodeOadrPayload(msg, { intervalDtstart: vtn.ctx.settings.intervalDtstart });
  // 5. sign every reply when signing is configured
  const body = opts.security?.sign ? opts.security.sign(xml) : xml;
  return reply.code(200).header('content-type', XML_TYPE).send(body);
}

function sendText(reply: FastifyReply, status: number, text: string) {
  return reply.code(status).type('text/plain; charset=utf-8').send(text);
}

/**
 * `venId` is what the message claims (logged, cut); `speaker` is the VEN the identity gate proved. Only a proven
 * speaker reaches the observers (presence) and gets an unbudgeted line: a claim refused with 452 or 463, or one
 * that never reached the gate (403, decode errors), is a stranger's.
 */
function logMessage(vtn: Vtn, req: FastifyRequest, service: string, type: string, venId: string | undefined, code: number, started: number, replyType?: string, speaker?: string) {
  const ms = Math.round((performance.now() - started) * 100) / 100;
  vtn.messages.notify({ service, type, ...(speaker ? { venId: speaker } : {}), code, replyType, ms });
  const line = { service, type, venId: venId === undefined ? undefined : clipText(venId), code, replyType, ms, reqId: req.id };
  if (!speaker) return logStranger(vtn, line);
  // Polls are the bulk of traffic: keep them out of the info log unless they carry something. Accepted
  // oadrCreatedEvents are summed up at info by the opt-response log (src/vtn/opt-response-log.ts).
  if (code === 200 && ((type === 'oadrPoll' && replyType === 'oadrResponse') || type === 'oadrCreatedEvent')) vtn.ctx.log.debug(line, 'openadr message');
  else vtn.ctx.log.info(line, 'openadr message');
}

// Anyone can send messages as an unknown VEN: they share the refusal line budget (a refused registration has its own line).
function logStranger(vtn: Vtn, line: { type: string; code: number }) {
  const budget = line.type === 'oadrCreatePartyRegistration' && line.code !== 200 ? undefined : vtn.ctx.refusals.lines.take();
  if (!budget) return vtn.ctx.log.debug(line, 'openadr message');
  const note = budget.suppressed ? ` (${budget.suppressed} similar lines suppressed)` : '';
  vtn.ctx.log.info({ ...line, ...(budget.suppressed ? { suppressed: budget.suppressed } : {}) }, `openadr message from an unregistered VEN${note}`);
}
