// Routes one decoded message to its service function: service check, the identity gate, then the handler.
import type { OadrMessage, OadrService } from '../oadr/model.js';
import { SERVICE_OF } from '../oadr/model.js';
import type { VenRowCollection } from '../store/store.js';
import { inUnit, type VtnContext, type Work } from './context.js';
import { createdEvent, requestEvent } from './event-service.js';
import { checkOnce, passGate, recordReplay, requestIdOf, unitReader, type Connection, type GateReader } from './identity-gate.js';
import { cancelOpt, createOpt } from './opt-service.js';
import { poll } from './poll.js';
import { canceledPartyRegistration, cancelPartyRegistration, createPartyRegistration, queryRegistration } from './registration.js';
import { errorReply, okResponse } from './replies.js';

/** Message handlers contributed by optional modules (the report service registers the EiReport ones). */
export type MessageHandler = (w: Work, msg: OadrMessage, conn: Connection) => Promise<OadrMessage>;

const CORE_TYPES = new Set<string>([
  'oadrResponse', 'oadrQueryRegistration', 'oadrCreatePartyRegistration', 'oadrCancelPartyRegistration', 'oadrCanceledPartyRegistration',
  'oadrPoll', 'oadrRequestEvent', 'oadrCreatedEvent', 'oadrCreateOpt', 'oadrCancelOpt',
]);

// An update reads the registration, the queue (a piggybacked cancelReport) and the subscriptions, never events or
// deliveries: telemetry from a VEN in many events need not carry them. Other types read every VEN row (the default).
const PREFETCH_OF: Partial<Record<string, readonly VenRowCollection[]>> = {
  oadrUpdateReport: ['vens', 'pending', 'reportSubscriptions'],
};

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
  const once: Connection = conn.checkSignature ? { ...conn, checkSignature: checkOnce(conn.checkSignature) } : conn;
  if (msg.type === 'oadrPoll' && !ctx.handlers.get('onPoll')) {
    const idle = await idlePoll(ctx, msg, once);
    if (idle) return idle;
  }
  const venId = 'venId' in msg && msg.venId ? msg.venId : undefined;
  const token = venId ? ctx.idle.token(venId) : 0;
  // One unit of work per message: the gate's reads, the handler's writes, committed before the reply.
  return inUnit(ctx, msg.type, (w) => handle(w, msg, once, extra, token));
}

async function handle(w: Work, msg: OadrMessage, conn: Connection, extra: ReadonlyMap<string, MessageHandler>, token: number): Promise<OadrMessage | null> {
  const ctx = w;
  // The claimed VEN's rows in one read (PostgreSQL): the gate's and the handler's reads of them cost no round trip.
  if ('venId' in msg && msg.venId) await w.u.prefetch(msg.venId, PREFETCH_OF[msg.type]);
  // Every message type, registration and cancellation included, passes the same gate before its handler runs.
  const gate = await passGate(w, unitReader(w.u), msg, conn);
  if (!gate.pass) return gate.reply;
  const replayed = await recordReplay(w, gate, msg);
  if (replayed) return replayed;
  if (gate.subject) {
    const { venId: speaker, pollFreqMs } = gate.subject;
    w.u.afterCommit(() => {
      conn.onSpeaker?.(speaker);
      w.presence.note(speaker, w.now().getTime(), pollFreqMs);
    });
  }
  const m = gate.message;
  const who = { ...(gate.identity !== undefined ? { identity: gate.identity } : {}), ...(gate.subject ? { subject: gate.subject } : {}) };
  switch (m.type) {
    case 'oadrResponse': return null;
    case 'oadrQueryRegistration': return queryRegistration(ctx, m, who);
    case 'oadrCreatePartyRegistration': return createPartyRegistration(ctx, m, who);
    case 'oadrCancelPartyRegistration': return cancelPartyRegistration(ctx, m, gate.subject!);
    case 'oadrCanceledPartyRegistration': return canceledPartyRegistration(ctx, m, gate.subject);
    case 'oadrPoll': return poll(w, m, token);
    case 'oadrRequestEvent': return requestEvent(ctx, m);
    case 'oadrCreatedEvent': return createdEvent(ctx, m);
    case 'oadrCreateOpt': return createOpt(ctx, m);
    case 'oadrCancelOpt': return cancelOpt(ctx, m);
    default: return extra.get(m.type)!(ctx, m, conn);
  }
}

/** A poll from a VEN known to have nothing waiting: the gate runs on the cached registration, no store round trip. */
async function idlePoll(ctx: VtnContext, msg: Extract<OadrMessage, { type: 'oadrPoll' }>, conn: Connection): Promise<OadrMessage | undefined> {
  const now = ctx.now().getTime();
  const ven = ctx.idle.idleVen(msg.venId, now);
  if (!ven) return undefined;
  const reader: GateReader = { ven: async (id) => (id === ven.venId ? ven : undefined), byRegistrationId: async () => undefined };
  const gate = await passGate(ctx, reader, msg, conn);
  // A signed poll has a nonce to record, and anything unusual is the full path's to decide.
  if (!gate.pass || gate.replay || gate.subject?.venId !== ven.venId) return undefined;
  conn.onSpeaker?.(ven.venId);
  ctx.presence.note(ven.venId, now, ven.pollFreqMs);
  return okResponse('', ven.venId);
}
