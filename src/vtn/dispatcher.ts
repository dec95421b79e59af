// Routes one decoded message to its service function: service check, the identity gate, then the handler.
import type { OadrMessage, OadrService } from '../oadr/model.js';
import { SERVICE_OF } from '../oadr/model.js';
import type { VtnContext } from './context.js';
import { createdEvent, requestEvent } from './event-service.js';
import { passGate, requestIdOf, type Connection } from './identity-gate.js';
import { cancelOpt, createOpt } from './opt-service.js';
import { poll } from './poll.js';
import { canceledPartyRegistration, cancelPartyRegistration, createPartyRegistration, queryRegistration } from './registration.js';
import { errorReply } from './replies.js';

/** Message handlers contributed by optional modules (the report service registers the EiReport ones). */
export type MessageHandler = (ctx: VtnContext, msg: OadrMessage, conn: Connection) => Promise<OadrMessage>;

const CORE_TYPES = new Set<string>([
  'oadrResponse', 'oadrQueryRegistration', 'oadrCreatePartyRegistration', 'oadrCancelPartyRegistration', 'oadrCanceledPartyRegistration',
  'oadrPoll', 'oadrRequestEvent', 'oadrCreatedEvent', 'oadrCreateOpt', 'oadrCancelOpt',
]);

/** Returns the reply, or null when the VEN's message gets an empty 200 (an oadrResponse). */
export async function dispatch(
  ctx: VtnContext,
  service: OadrService,
  msg: OadrMessage,
  conn: Connection,
  extra: ReadonlyMap<string, MessageHandler> = new Map(),
): Promise<OadrMessage | null> {
  const home = SERVICE_OF[msg.type];
  const echo = { requestId: requestIdOf(msg), venId: 'venId' in msg ? msg.venId : undefined, vtnId: ctx.settings.vtnId };
  if (home !== 'any' && home !== service) {
    return errorReply(undefined, 459, `${msg.type} belongs to the ${home} service, not ${service}`, echo);
  }
  if (!CORE_TYPES.has(msg.type) && !extra.has(msg.type)) {
    return errorReply(undefined, 459, `the VTN does not accept ${msg.type} from a VEN`, echo);
  }
  // Every message type, registration and cancellation included, passes the same gate before its handler runs.
  const gate = await passGate(ctx, msg, conn);
  if (!gate.pass) return gate.reply;
  if (gate.subject) conn.onSpeaker?.(gate.subject.venId);
  const m = gate.message;
  const who = { ...(gate.identity !== undefined ? { identity: gate.identity } : {}), ...(gate.subject ? { subject: gate.subject } : {}) };
  switch (m.type) {
    case 'oadrResponse': return null;
    case 'oadrQueryRegistration': return queryRegistration(ctx, m, who);
    case 'oadrCreatePartyRegistration': return createPartyRegistration(ctx, m, who);
    case 'oadrCancelPartyRegistration': return cancelPartyRegistration(ctx, m, gate.subject!);
    case 'oadrCanceledPartyRegistration': return canceledPartyRegistration(ctx, m, gate.subject);
    case 'oadrPoll': return poll(ctx, m);
    case 'oadrRequestEvent': return requestEvent(ctx, m);
    case 'oadrCreatedEvent': return createdEvent(ctx, m);
    case 'oadrCreateOpt': return createOpt(ctx, m);
    case 'oadrCancelOpt': return cancelOpt(ctx, m);
    default: return extra.get(m.type)!(ctx, m, conn);
  }
}
