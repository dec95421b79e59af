// A VEN may answer a push in the HTTP response (oadrCreatedReport, oadrCreatedEvent, …): that payload is handled
// like a request from the VEN, through the same identity gate and signature checks; the VTN's answer to it is dropped.
import { decodeOadrPayload, OadrWireError, type DecodedPayload } from '../oadr/index.js';
import { SERVICE_OF, type OadrService } from '../oadr/model.js';
import type { MessageSecurity } from '../security/message-security.js';
import { clipText } from '../clip-text.js';
import type { Connection } from '../vtn/identity-gate.js';
import type { Vtn } from '../vtn/vtn.js';

export interface PushReply {
  venId: string;
  /** The service the push went to (used for an oadrResponse, which belongs to any). */
  service: OadrService;
  body: string;
  /** The VEN server's certificate when the push went over TLS. */
  peerFingerprint?: string;
}

export async function handlePushReply(vtn: Vtn, security: MessageSecurity | undefined, reply: PushReply, maxBytes: number): Promise<void> {
  const started = performance.now();
  const log = vtn.ctx.log;
  let decoded: DecodedPayload;
  try {
    decoded = decodeOadrPayload(reply.body, { maxBytes });
  } catch (err) {
    if (!(err instanceof OadrWireError)) throw err;
    log.warn({ venId: reply.venId, reason: err.reason }, 'push reply is not a readable OpenADR payload; ignored (the push itself arrived)');
    return;
  }
  const msg = decoded.message;
  const named = 'venId' in msg ? msg.venId : undefined;
  // A reply speaks for the VEN that was pushed to, never for another one.
  if (named && named !== reply.venId) {
    log.warn({ venId: reply.venId, named: clipText(named), type: msg.type }, 'push reply names another VEN; ignored');
    return;
  }
  let speaker: string | undefined;
  const conn: Connection = {
    ...(reply.peerFingerprint ? { fingerprint: reply.peerFingerprint } : {}),
    ...(security ? { checkSignature: security.inbound.checkFor(reply.body, decoded, reply.peerFingerprint) } : {}),
    onSpeaker: (proven) => { speaker = proven; },
  };
  const home = SERVICE_OF[msg.type];
  const service = home === 'any' ? reply.service : home;
  const answer = await vtn.dispatch(service, msg, conn);
  const code = answer && 'response' in answer && answer.response ? answer.response.responseCode : 200;
  const ms = Math.round((performance.now() - started) * 100) / 100;
  vtn.messages.notify({ service, type: msg.type, ...(speaker ? { venId: speaker } : {}), code, ...(answer ? { replyType: answer.type } : {}), ms });
  const line = { venId: reply.venId, service, type: msg.type, code, replyType: answer?.type, ms, via: 'push reply' };
  if (code === 200) log.info(line, 'openadr message');
  else log.warn({ ...line, description: answer && 'response' in answer ? answer.response?.responseDescription : undefined }, 'push reply refused');
}
