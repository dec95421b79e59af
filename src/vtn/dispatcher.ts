// Routes one decoded message to its service function: service check, VEN identity, then the handler.
import type { OadrMessage, OadrService } from '../oadr/model.js';
import { SERVICE_OF } from '../oadr/model.js';
import type { VtnContext } from './context.js';
import { createdEvent, requestEvent } from './event-service.js';
import { cancelOpt, createOpt } from './opt-service.js';
import { poll } from './poll.js';
import { canceledPartyRegistration, cancelPartyRegistration, createPartyRegistration, queryRegistration, type Connection } from './registration.js';
import { errorReply } from './replies.js';

/** Message handlers contributed by optional modules (the report service registers the EiReport ones). */
export type MessageHandler = (ctx: VtnContext, msg: OadrMessage, conn: Connection) => Promise<OadrMessage>;

const CORE_TYPES = new Set<string>(['oadrPoll', 'oadrRequestEvent', 'oadrCreatedEvent', 'oadrCreateOpt', 'oadrCancelOpt', 'oadrCanceledPartyRegistration']);

/** Returns the reply, or null when the VEN's message gets an empty 200 (an oadrResponse). */
export async function dispatch(
  ctx: VtnContext,
  service: OadrService,
  msg: OadrMessage,
  conn: Connection,
  extra: ReadonlyMap<string, MessageHandler> = new Map(),
): Promise<OadrMessage | null> {
  const home = SERVICE_OF[msg.type];
  const venId = 'venId' in msg ? msg.venId : undefined;
  const requestId = requestIdOf(msg);
  const echo = { requestId, venId, vtnId: ctx.settings.vtnId };
  if (home !== 'any' && home !== service) {
    return errorReply(undefined, 459, `${msg.type} belongs to the ${home} service, not ${service}`, echo);
  }
  if (msg.type === 'oadrResponse') return null;
  if (msg.type === 'oadrQueryRegistration') return queryRegistration(ctx, msg, conn);
  if (msg.type === 'oadrCreatePartyRegistration') return createPartyRegistration(ctx, msg, conn);
  if (msg.type === 'oadrCancelPartyRegistration') return cancelPartyRegistration(ctx, msg);

  if (!CORE_TYPES.has(msg.type) && !extra.has(msg.type)) {
    return errorReply(undefined, 459, `the VTN does not accept ${msg.type} from a VEN`, echo);
  }
  // Everything else comes from a registered VEN, proven by its certificate when it registered with one.
  if (!venId) return errorReply(msg.type, 452, `${msg.type} carries no venID`, echo);
  const known = await isKnownVen(ctx, venId);
  if (!known) {
    if (msg.type === 'oadrPoll') return { type: 'oadrRequestReregistration', venId };
    return errorReply(msg.type, 463, `venID ${venId} is not registered; register again`, echo);
  }
  if (conn.fingerprint !== undefined && known.fingerprint !== conn.fingerprint) {
    // A VEN registered without a certificate (TLS switched on later) must register again to bind one.
    const reason = known.fingerprint
      ? `venID ${venId} is not registered to the presented certificate`
      : `venID ${venId} was registered without a client certificate; register again over TLS`;
    ctx.log.warn({ venId, presented: conn.fingerprint, registered: known.fingerprint }, 'venID used with another certificate');
    return errorReply(msg.type, 463, reason, echo);
  }

  switch (msg.type) {
    case 'oadrPoll': return poll(ctx, msg);
    case 'oadrRequestEvent': return requestEvent(ctx, msg);
    case 'oadrCreatedEvent': return createdEvent(ctx, msg);
    case 'oadrCreateOpt': return createOpt(ctx, msg);
    case 'oadrCancelOpt': return cancelOpt(ctx, msg);
    case 'oadrCanceledPartyRegistration': return canceledPartyRegistration(ctx, msg);
    default: {
      const handler = extra.get(msg.type);
      if (handler) return handler(ctx, msg, conn);
      return errorReply(msg.type, 459, `the VTN does not accept ${msg.type} from a VEN`, echo);
    }
  }
}

async function isKnownVen(ctx: VtnContext, venId: string): Promise<{ fingerprint?: string } | undefined> {
  const ven = ctx.store.vens.get(venId);
  if (ven) return ven;
  const lookup = ctx.handlers.get('venLookup');
  if (!lookup) return undefined;
  const found = await lookup(venId);
  return found && 'venId' in found && found.venId ? found : undefined;
}

export function requestIdOf(msg: OadrMessage): string | undefined {
  if ('requestId' in msg && typeof msg.requestId === 'string') return msg.requestId;
  if ('response' in msg && msg.response) return msg.response.requestId;
  return undefined;
}
