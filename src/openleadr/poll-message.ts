// What a custom on_poll returns ([message_type, message_payload], an event, or a list of events) as an OadrMessage.
import { VtnError, type Handlers, type OadrMessage } from '../index.js';
import { toOadrEvent } from './event-model.js';
import type { EventDict, OpenLeadrHandlers } from './types.js';
import { generate_id } from './utils.js';

const SUPPORTED = ['oadrDistributeEvent', 'oadrRequestReregistration', 'oadrCancelPartyRegistration', 'oadrResponse'];

interface PollContext {
  vtnId: string;
  now: () => Date;
}

function distribute(events: unknown, requestId: unknown, ctx: PollContext): OadrMessage {
  if (!Array.isArray(events)) throw new VtnError('E_HANDLER_RESULT', 'on_poll returned oadrDistributeEvent without a list of events.', "Return ['oadrDistributeEvent', { events: [event] }].");
  const now = ctx.now();
  return {
    type: 'oadrDistributeEvent',
    requestId: typeof requestId === 'string' && requestId ? requestId : generate_id(),
    vtnId: ctx.vtnId,
    events: events.map((e: EventDict) => toOadrEvent(e, now)),
  };
}

function fromTuple(type: unknown, payload: Record<string, unknown>, venId: string, ctx: PollContext): OadrMessage | undefined {
  switch (type) {
    case 'oadrDistributeEvent':
      return distribute(payload.events, payload.request_id, ctx);
    case 'oadrRequestReregistration':
      return { type: 'oadrRequestReregistration', venId };
    case 'oadrCancelPartyRegistration': {
      const registrationId = payload.registration_id;
      if (typeof registrationId !== 'string' || !registrationId) {
        throw new VtnError('E_HANDLER_RESULT', 'on_poll returned oadrCancelPartyRegistration without a registration_id.', "Return ['oadrCancelPartyRegistration', { registration_id }].");
      }
      return { type: 'oadrCancelPartyRegistration', requestId: generate_id(), registrationId, venId };
    }
    case 'oadrResponse':
      return undefined;
    default:
      throw new VtnError('E_HANDLER_RESULT', `on_poll returned message type ${JSON.stringify(type)}, which openadr-vtn/openleadr cannot send on a poll.`,
        `Message types: ${SUPPORTED.join(', ')}; or return null for "nothing new".`);
  }
}

export function pollMessage(result: unknown, venId: string, ctx: PollContext): OadrMessage | undefined {
  if (result === null || result === undefined) return undefined;
  if (Array.isArray(result) && typeof result[0] === 'string') return fromTuple(result[0], (result[1] ?? {}) as Record<string, unknown>, venId, ctx);
  if (Array.isArray(result)) return distribute(result, undefined, ctx);
  if (typeof result === 'object' && 'event_descriptor' in result) return distribute([result], undefined, ctx);
  throw new VtnError('E_HANDLER_RESULT', `on_poll returned ${JSON.stringify(result)}.`,
    'Return [message_type, message_payload], an event, a list of events, or null.');
}

export const poll = (fn: OpenLeadrHandlers['on_poll'], ctx: PollContext): Handlers['onPoll'] =>
  async (venId) => pollMessage(await fn(venId), venId, ctx);
