// EiRegisterParty: query, create (accept/reject via the decision hook), cancel from either side (requirements §2).
// The identity gate (identity-gate.ts) has already proven who is speaking; these handlers act only as that VEN.
import type {
  OadrCanceledPartyRegistration, OadrCancelPartyRegistration, OadrCreatePartyRegistration,
  OadrMessage, OadrQueryRegistration,
} from '../oadr/model.js';
import { VtnError } from '../errors.js';
import { toIntervalMs } from './reports/interval-ms.js';
import type { VenRecord } from '../store/records.js';
import type { VtnContext, Work } from './context.js';
import type { RegistrationDecision, RegistrationInfo } from './handlers.js';
import { PROFILES, eiResponse, errorReply } from './replies.js';
import { addPending, noteRefusedRegistration, retireVen } from './ven-state.js';
import { checkPushTarget } from './push-target.js';
import { resetPushStatus } from './push-status.js';


/** What the gate established: the proven certificate fingerprint and the VEN the message's IDs name. */
export interface Speaker {
  identity?: string;
  subject?: VenRecord;
}

export async function queryRegistration(ctx: VtnContext, msg: OadrQueryRegistration, who: Speaker): Promise<OadrMessage> {
  await ctx.handlers.get('onQueryRegistration')?.({ requestId: msg.requestId, ...(who.identity ? { fingerprint: who.identity } : {}) });
  return {
    type: 'oadrCreatedPartyRegistration',
    response: eiResponse(200, msg.requestId, 'OK'),
    registrationId: '',
    venId: '',
    vtnId: ctx.settings.vtnId,
    profiles: PROFILES,
    pollFreq: ctx.settings.pollFreqMs,
  };
}

export async function createPartyRegistration(ctx: Work, msg: OadrCreatePartyRegistration, who: Speaker): Promise<OadrMessage> {
  const echo = { requestId: msg.requestId, venId: msg.venId, vtnId: ctx.settings.vtnId, registrationId: msg.registrationId };
  const refuse = (code: number, reason: string): OadrMessage => {
    noteRefusedRegistration(ctx, { venName: msg.venName, venId: msg.venId, fingerprint: who.identity }, code, reason);
    return errorReply('oadrCreatePartyRegistration', code, reason, echo);
  };
  if (msg.profileName !== '2.0b') return refuse(459, `profile ${msg.profileName} is not served; register with profile 2.0b`);
  if (msg.transportName !== 'simpleHttp') return refuse(459, `transport ${msg.transportName} is not served; use simpleHttp`);
  if (msg.httpPullModel === false) {
    const problem = pushProblem(ctx, msg.transportAddress);
    if (problem) return refuse(problem.code, problem.reason);
  }

  // A re-registration names its registrationID; the gate checked that it is this VEN's own.
  const existing = msg.registrationId ? who.subject : undefined;
  // Registering anew (no registrationID) as a VEN that is registered already replaces that registration.
  const predecessors = existing ? [] : await sameIdentity(ctx, msg.venName, who.identity);
  const replaces = (venId: string | undefined) => venId !== undefined && predecessors.some((p) => p.venId === venId);
  if (!existing && msg.venId && !replaces(msg.venId) && (await ctx.u.vens.has(msg.venId))) {
    return refuse(452, `venID ${msg.venId} is registered already; re-register with its registrationID`);
  }

  const info: RegistrationInfo = {
    ...(msg.venName !== undefined ? { venName: msg.venName } : {}),
    ...(msg.venId ? { venId: msg.venId } : existing ? { venId: existing.venId } : {}),
    ...(msg.registrationId ? { registrationId: msg.registrationId } : {}),
    profileName: msg.profileName,
    transportName: msg.transportName,
    ...(msg.transportAddress ? { transportAddress: msg.transportAddress } : {}),
    httpPullModel: msg.httpPullModel ?? true,
    xmlSignature: msg.xmlSignature,
    reportOnly: msg.reportOnly,
    ...(who.identity ? { fingerprint: who.identity } : {}),
    requestId: msg.requestId,
  };
  const decision = await decideRegistration(ctx, info);
  if ('reject' in decision) return refuse(decision.code, decision.reason);

  // A re-registration keeps its venID whatever the decision says; a new one takes the decision's.
  const venId = existing?.venId ?? decision.venId ?? info.venId ?? ctx.newId();
  const holder = replaces(venId) ? undefined : await ctx.u.vens.get(venId);
  if (holder && holder.registrationId !== msg.registrationId && holder.registrationId !== decision.registrationId) {
    return refuse(452, `venID ${venId} is registered already; re-register with its registrationID`);
  }
  // Registering never moves a venID to another certificate: only the operator re-binds (rebindFingerprint).
  const bound = holder?.fingerprint;
  if (bound !== undefined && who.identity !== undefined && bound !== who.identity) {
    return refuse(463, `venID ${venId} is bound to another certificate; the operator can re-bind it`);
  }
  const fingerprint = bound ?? who.identity;
  const record: VenRecord = {
    venId,
    ...(info.venName !== undefined ? { venName: info.venName } : {}),
    registrationId: decision.registrationId ?? existing?.registrationId ?? ctx.newId(),
    profileName: info.profileName,
    transportName: info.transportName,
    ...(info.transportAddress ? { transportAddress: info.transportAddress } : {}),
    httpPullModel: info.httpPullModel,
    xmlSignature: info.xmlSignature,
    reportOnly: info.reportOnly,
    ...(fingerprint !== undefined ? { fingerprint } : {}),
    ...(decision.pollFreqMs !== undefined ? { pollFreqMs: decision.pollFreqMs } : {}),
    registeredAt: ctx.now().toISOString(),
  };
  // A registrationID another VEN holds is never handed out twice (the decision hook may name one).
  const clash = (await ctx.u.vens.find('registrationId', record.registrationId)).find((v) => v.venId !== venId && !replaces(v.venId));
  if (clash) return refuse(452, `registrationID ${record.registrationId} belongs to another VEN; choose another`);
  // Never two live registrations for one VEN: the old one leaves with its offers, subscriptions, opts and queue.
  for (const old of predecessors) await retireVen(ctx, old, 'vtn', { by: 'replaced', replacedBy: venId });
  ctx.u.vens.put(venId, record);
  // A registration starts push afresh: refusals and a suspension belonged to the old endpoint.
  if (existing) await resetPushStatus(ctx, venId);
  // The VTN's own oadrRegisterReport goes out on the next poll (requirements §2, last bullet).
  await addPending(ctx, venId, { kind: 'registerReport' }, true);
  ctx.log.info({
    venId, venName: record.venName, registrationId: record.registrationId, reRegistration: Boolean(existing),
    ...(predecessors.length ? { replaced: predecessors.map((p) => p.venId) } : {}),
  }, 'VEN registered');
  return {
    type: 'oadrCreatedPartyRegistration',
    response: eiResponse(200, msg.requestId, 'OK'),
    registrationId: record.registrationId,
    venId,
    vtnId: ctx.settings.vtnId,
    profiles: PROFILES,
    pollFreq: record.pollFreqMs ?? ctx.settings.pollFreqMs,
  };
}

/**
 * The registrations a new one by this speaker replaces: the one bound to its certificate, and those carrying its
 * venName that no certificate protects (a certificate-bound VEN is never replaced by a name alone).
 */
async function sameIdentity(ctx: Work, venName: string | undefined, identity: string | undefined): Promise<VenRecord[]> {
  const bound = identity !== undefined ? await ctx.u.vens.find('fingerprint', identity) : [];
  const named = venName ? (await ctx.u.vens.find('venName', venName)).filter((v) => v.fingerprint === undefined) : [];
  return [...bound, ...named.filter((v) => !bound.some((b) => b.venId === v.venId))];
}

/** Push registrations need a pusher and a target the VTN may call. */
function pushProblem(ctx: VtnContext, address: string | undefined): { code: number; reason: string } | undefined {
  if (!ctx.settings.push.enabled) return { code: 459, reason: 'push mode is not enabled on this VTN; set oadrHttpPullModel to true and poll' };
  if (!address) return { code: 454, reason: 'push mode needs an oadrTransportAddress: the base URL of the VEN\'s services' };
  const check = checkPushTarget(address, ctx.settings.push.rules);
  return check.ok ? undefined : { code: 454, reason: check.reason };
}

export type NormalisedDecision =
  | { venId?: string; registrationId?: string; pollFreqMs?: number }
  | { reject: true; code: number; reason: string };

/** The registration policy's verdict (the onCreatePartyRegistration hook, else openEnrollment); OpenADR 3 ven objects ask it too. */
export async function decideRegistration(ctx: VtnContext, info: RegistrationInfo): Promise<NormalisedDecision> {
  const handler = ctx.handlers.get('onCreatePartyRegistration');
  if (!handler) {
    if (ctx.settings.openEnrollment) return {};
    return { reject: true, code: 463, reason: 'registration is closed: no registration policy accepts this VEN' };
  }
  let raw: RegistrationDecision;
  try {
    raw = await handler(info);
  } catch (err) {
    ctx.log.error({ err, venName: info.venName }, 'onCreatePartyRegistration handler failed');
    return { reject: true, code: 469, reason: 'the VTN could not decide on this registration; try again later' };
  }
  if (raw === false || raw === null || raw === undefined) {
    return { reject: true, code: 463, reason: 'registration refused by policy' };
  }
  if (Array.isArray(raw)) return { venId: String(raw[0]), registrationId: String(raw[1]) };
  if ('reject' in raw) return { reject: true, code: raw.code ?? 463, reason: raw.reason ?? 'registration refused by policy' };
  let pollFreqMs: number | undefined;
  try {
    pollFreqMs = raw.pollFreq === undefined ? undefined : toIntervalMs(raw.pollFreq, 'pollFreq', 'E_HANDLER_RESULT');
  } catch (err) {
    // A policy mistake must not reach the VEN as a 500: refuse in-band and say why in the log.
    ctx.log.error({ err, venName: info.venName }, 'onCreatePartyRegistration returned an invalid pollFreq');
    return { reject: true, code: 469, reason: 'the VTN could not decide on this registration; try again later' };
  }
  return {
    ...(raw.venId !== undefined ? { venId: String(raw.venId) } : {}),
    ...(raw.registrationId !== undefined ? { registrationId: String(raw.registrationId) } : {}),
    ...(pollFreqMs !== undefined ? { pollFreqMs } : {}),
  };
}

/** The VEN cancels its own registration (the gate matched registrationID, venID and certificate to it). */
export async function cancelPartyRegistration(ctx: Work, msg: OadrCancelPartyRegistration, ven: VenRecord): Promise<OadrMessage> {
  await retireVen(ctx, ven, 'ven');
  return { type: 'oadrCanceledPartyRegistration', response: eiResponse(200, msg.requestId, 'OK'), registrationId: ven.registrationId, venId: ven.venId };
}

/** The VEN's answer to a VTN-initiated cancellation; only the VEN the gate proved is retired. */
export async function canceledPartyRegistration(ctx: Work, msg: OadrCanceledPartyRegistration, ven: VenRecord | undefined): Promise<OadrMessage> {
  if (ven) await retireVen(ctx, ven, 'vtn');
  const venId = ven?.venId ?? msg.venId;
  return { type: 'oadrResponse', response: eiResponse(200, msg.response.requestId, 'OK'), ...(venId ? { venId } : {}) };
}

const FINGERPRINT = /^[0-9A-F]{2}(:[0-9A-F]{2}){9}$/;

/** Operator action: bind a registered venID to another client certificate; its next messages must present it. */
export async function rebindFingerprint(ctx: Work, venId: string, fingerprint: string): Promise<VenRecord> {
  const ven = await ctx.u.vens.get(venId);
  if (!ven) throw new VtnError('E_VEN_UNKNOWN', `No registered VEN with venId ${venId}.`, 'List VENs with vtn.listVens().');
  const fp = fingerprint.trim().toUpperCase();
  if (!FINGERPRINT.test(fp)) {
    throw new VtnError('E_FINGERPRINT', `"${fp.slice(0, 64)}" is not a certificate fingerprint.`, 'Give 10 hex pairs joined by colons, as `vtn fingerprint ven.crt` prints them (AA:BB:…).');
  }
  const next: VenRecord = { ...ven, fingerprint: fp };
  ctx.u.vens.put(venId, next);
  ctx.log.info({ venId, previous: ven.fingerprint ?? null, fingerprint: fp }, 'VEN re-bound to another certificate by the operator');
  return next;
}
