// The one identity gate (requirements §10): before any handler, decide who is speaking and whether it may
// speak for the venID and registrationID it names. It reads state (through a GateReader), never writes it.
import type { OadrMessage } from '../oadr/model.js';
import type { VenRecord } from '../store/records.js';
import type { Unit } from '../store/store.js';
import type { VtnContext, Work } from './context.js';
import { clipText } from '../clip-text.js';
import { RefusalLog } from './refusal-log.js';
import { errorReply, type Echo } from './replies.js';

/** How the message arrived; the HTTP layer fills it in, in-process callers may leave it empty. */
export interface Connection {
  /** TLS client-certificate fingerprint (or a trusted proxy's header), when known. */
  fingerprint?: string;
  /** Verifies the message's XML signature against the VEN it claims to be (the HTTP layer holds the bytes). */
  checkSignature?: SignatureCheck;
  /** Told the venID the gate proved is speaking, so only a proven VEN counts as present or gets its own log line. */
  onSpeaker?: (venId: string) => void;
}

/** What the signature check needs to know about the VEN a message claims to come from. */
export interface ClaimedSender {
  xmlSignature: boolean;
  fingerprint?: string;
}

/** A ReplayProtect (timestamp, nonce) pair the dispatcher records in the store, refused when any instance has it. */
export interface ReplayPair {
  key: string;
  expiresAt: string;
}

export type SignatureOutcome =
  | { ok: true; message: OadrMessage; signerFingerprint?: string; replay?: ReplayPair }
  | { ok: false; failure: string; reason: string };

export type SignatureCheck = (claimed: ClaimedSender | undefined) => SignatureOutcome;

export type GateVerdict =
  | { pass: true; message: OadrMessage; subject?: VenRecord; identity?: string; replay?: ReplayPair }
  | { pass: false; reply: OadrMessage };

/** A VEN the message names: a stored registration, or one the venLookup hook knows. */
interface Claimed {
  venId: string;
  fingerprint?: string;
  xmlSignature: boolean;
  record?: VenRecord;
}

// Registration may come from a VEN the VTN does not know yet; an oadrResponse changes nothing.
const MAY_BE_UNKNOWN = new Set<string>(['oadrQueryRegistration', 'oadrCreatePartyRegistration', 'oadrResponse']);

// Refusals that name no registered VEN: no warning of their own, the HTTP layer's stranger line (budgeted) covers them.
const STRANGER_KINDS = new Set(['unknown-registration', 'ids-mismatch', 'no-venid', 'unknown-ven']);
const clip = (id: string | undefined) => (id === undefined ? undefined : clipText(id));

// Keyed by the VTN's refusal table, which every unit's Work shares (a Work is a new object per message).
const logs = new WeakMap<object, RefusalLog>();
const refusalLog = (ctx: VtnContext): RefusalLog => {
  let log = logs.get(ctx.refusals);
  if (!log) logs.set(ctx.refusals, (log = new RefusalLog(ctx.log, ctx.now)));
  return log;
};

/** Where the gate reads registrations: the message's unit of work, or the idle-poll cache. */
export interface GateReader {
  ven(venId: string): Promise<VenRecord | undefined>;
  byRegistrationId(registrationId: string): Promise<VenRecord | undefined>;
}

export const unitReader = (u: Unit): GateReader => ({
  ven: (venId) => u.vens.get(venId),
  byRegistrationId: async (registrationId) => (await u.vens.find('registrationId', registrationId, { limit: 1 }))[0],
});

/** The signature is verified once per request, however often its unit of work runs (the replay memory would refuse a second look). */
export function checkOnce(check: SignatureCheck): SignatureCheck {
  const seen = new Map<string, SignatureOutcome>();
  return (claimed) => {
    const key = claimed ? `${claimed.xmlSignature}|${claimed.fingerprint ?? ''}` : '-';
    let outcome = seen.get(key);
    if (!outcome) seen.set(key, (outcome = check(claimed)));
    return outcome;
  };
}

export async function passGate(ctx: VtnContext, reader: GateReader, msg: OadrMessage, conn: Connection): Promise<GateVerdict> {
  const venId = 'venId' in msg && msg.venId ? msg.venId : undefined;
  const registrationId = 'registrationId' in msg && msg.registrationId ? msg.registrationId : undefined;
  const echo: Echo = { requestId: requestIdOf(msg), venId, vtnId: ctx.settings.vtnId, ...(registrationId ? { registrationId } : {}) };
  // A registered VEN's identity refusal is a warning (rate-limited per kind); strangers get the HTTP layer's budgeted line.
  const refuse = (code: number, kind: string, reason: string, fields: object = {}, line = 'message refused by the identity gate'): GateVerdict => {
    const at = { type: msg.type, venId: clip(venId), registrationId: clip(registrationId), code, ...fields };
    if (STRANGER_KINDS.has(kind)) ctx.log.debug({ ...at, kind }, line);
    else refusalLog(ctx).refuse(kind, at, line);
    return { pass: false, reply: errorReply(msg.type, code, reason, echo) };
  };

  // 1. Which VEN the message names, by venID and by registrationID; both must name the same one.
  const byVen = venId ? await knownVen(ctx, reader, venId, msg.type !== 'oadrCreatePartyRegistration') : undefined;
  const byReg = registrationId ? await reader.byRegistrationId(registrationId) : undefined;
  if (msg.type === 'oadrCancelPartyRegistration' && !byReg) {
    return refuse(452, 'unknown-registration', `registrationID ${clip(registrationId) ?? '(empty)'} is unknown; nothing was cancelled`);
  }
  if (registrationId && !byReg) {
    return refuse(452, 'unknown-registration', `registrationID ${clip(registrationId)} is unknown; register without a registrationID`);
  }
  if (byReg && venId && byReg.venId !== venId) {
    if (byVen) return refuse(463, 'two-vens', `venID ${clip(venId)} and registrationID ${clip(registrationId)} belong to two different VENs`);
    return refuse(452, 'ids-mismatch', `venID ${clip(venId)} does not hold registration ${clip(registrationId)}`);
  }
  const claimed: Claimed | undefined = byReg ? fromRecord(byReg) : byVen;

  // 2. The certificate of the connection must be the one bound to that VEN (cheap, before any signature work).
  if (conn.fingerprint !== undefined && claimed) {
    if (claimed.fingerprint !== undefined && claimed.fingerprint !== conn.fingerprint) {
      return refuse(463, 'other-certificate', `venID ${clip(claimed.venId)} is not registered to the presented certificate`, { presented: conn.fingerprint, registered: claimed.fingerprint });
    }
    // A VEN registered before TLS was switched on binds its certificate by registering again (with its registrationID).
    if (claimed.fingerprint === undefined && msg.type !== 'oadrCreatePartyRegistration') {
      return refuse(463, 'unbound', `venID ${clip(claimed.venId)} was registered without a client certificate; register again over TLS`);
    }
  }

  // 3. Strangers stop here: no signature work, no state.
  if (!claimed && !MAY_BE_UNKNOWN.has(msg.type)) {
    if (!venId) return refuse(452, 'no-venid', `${msg.type} carries no venID`);
    if (msg.type === 'oadrPoll') return { pass: false, reply: { type: 'oadrRequestReregistration', venId } };
    return refuse(463, 'unknown-ven', `venID ${clip(venId)} is not registered; register again`);
  }

  // 4. The XML signature: required when that VEN registered with one, checked against its certificate.
  let message = msg;
  let identity = conn.fingerprint;
  let replay: ReplayPair | undefined;
  if (conn.checkSignature) {
    const checked = conn.checkSignature(claimed ? { xmlSignature: claimed.xmlSignature, ...(claimed.fingerprint ? { fingerprint: claimed.fingerprint } : {}) } : undefined);
    if (!checked.ok) {
      return refuse(463, `signature-${checked.failure}`, `XML signature ${checked.failure}: ${checked.reason}`, { failure: checked.failure, reason: checked.reason }, 'XML signature refused');
    }
    message = checked.message;
    identity ??= checked.signerFingerprint;
    replay = checked.replay;
  }

  // 5. Whoever proved an identity (certificate or signature) must be the VEN on record.
  if (identity !== undefined && claimed?.fingerprint !== undefined && identity !== claimed.fingerprint) {
    return refuse(463, 'other-certificate', `venID ${clip(claimed.venId)} is not registered to the signing certificate`, { presented: identity, registered: claimed.fingerprint });
  }
  return {
    pass: true, message, ...(claimed?.record ? { subject: claimed.record } : {}), ...(identity !== undefined ? { identity } : {}), ...(replay ? { replay } : {}),
  };
}

async function knownVen(ctx: VtnContext, reader: GateReader, venId: string, askLookup: boolean): Promise<Claimed | undefined> {
  const ven = await reader.ven(venId);
  if (ven) return fromRecord(ven);
  const lookup = askLookup ? ctx.handlers.get('venLookup') : undefined;
  const found = lookup ? await lookup(venId) : undefined;
  if (!found || !('venId' in found) || !found.venId) return undefined;
  return { venId: found.venId, xmlSignature: false, ...(found.fingerprint ? { fingerprint: found.fingerprint } : {}) };
}

const fromRecord = (ven: VenRecord): Claimed => ({
  venId: ven.venId, xmlSignature: ven.xmlSignature, record: ven, ...(ven.fingerprint ? { fingerprint: ven.fingerprint } : {}),
});

export function requestIdOf(msg: OadrMessage): string | undefined {
  if ('requestId' in msg && typeof msg.requestId === 'string') return msg.requestId;
  if ('response' in msg && msg.response) return msg.response.requestId;
  return undefined;
}

export const REPLAY_NONCES = 'replayNonces';

/** Records the verdict's ReplayProtect pair in the store; a pair any instance recorded before is a replay (463). */
export async function recordReplay(w: Work, verdict: Extract<GateVerdict, { pass: true }>, msg: OadrMessage): Promise<OadrMessage | undefined> {
  if (!verdict.replay) return undefined;
  const nonces = w.u.collection<ReplayPair>(REPLAY_NONCES);
  if (!(await nonces.has(verdict.replay.key))) {
    // create(): two instances recording the same pair at once conflict, and the re-run unit finds it here.
    nonces.create(verdict.replay.key, verdict.replay);
    return undefined;
  }
  const venId = 'venId' in msg && msg.venId ? msg.venId : undefined;
  refusalLog(w).refuse('signature-replay', { type: msg.type, venId: clip(venId), code: 463 }, 'XML signature refused');
  return errorReply(msg.type, 463, 'XML signature replay: this ReplayProtect nonce and timestamp were used before', { requestId: requestIdOf(msg), venId, vtnId: w.settings.vtnId });
}
