// EiRegisterParty: query, create (accept/reject via the decision hook), cancel from either side (requirements §2).
import type {
  OadrCanceledPartyRegistration, OadrCancelPartyRegistration, OadrCreatePartyRegistration,
  OadrMessage, OadrQueryRegistration,
} from '../oadr/model.js';
import { toIntervalMs } from './reports/interval-ms.js';
import type { VenRecord } from '../store/records.js';
import type { VtnContext } from './context.js';
import type { RegistrationDecision, RegistrationInfo } from './handlers.js';
import { PROFILES, eiResponse, errorReply } from './replies.js';
import { addPending, noteRefusedRegistration, retireVen } from './ven-state.js';

export interface Connection {
  /** TLS client-certificate fingerprint, when known. */
  fingerprint?: string;
}

export async function queryRegistration(ctx: VtnContext, msg: OadrQueryRegistration, conn: Connection): Promise<OadrMessage> {
  await ctx.handlers.get('onQueryRegistration')?.({ requestId: msg.requestId, ...(conn.fingerprint ? { fingerprint: conn.fingerprint } : {}) });
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

export async function createPartyRegistration(ctx: VtnContext, msg: OadrCreatePartyRegistration, conn: Connection): Promise<OadrMessage> {
  const echo = { requestId: msg.requestId, venId: msg.venId, vtnId: ctx.settings.vtnId, registrationId: msg.registrationId };
  const refuse = (code: number, reason: string): OadrMessage => {
    noteRefusedRegistration(ctx, msg, code, reason);
    return errorReply('oadrCreatePartyRegistration', code, reason, echo);
  };
  if (msg.profileName !== '2.0b') return refuse(459, `profile ${msg.profileName} is not served; register with profile 2.0b`);
  if (msg.transportName !== 'simpleHttp') return refuse(459, `transport ${msg.transportName} is not served; use simpleHttp`);
  if (msg.httpPullModel === false) return refuse(459, 'push mode is not supported; set oadrHttpPullModel to true and poll');

  // A re-registration must name a registration we know, held by the same venID.
  let existing: VenRecord | undefined;
  if (msg.registrationId) {
    existing = findByRegistrationId(ctx, msg.registrationId);
    if (!existing) return refuse(452, `registrationID ${msg.registrationId} is unknown; register without a registrationID`);
    if (msg.venId && msg.venId !== existing.venId) return refuse(452, `venID ${msg.venId} does not hold registration ${msg.registrationId}`);
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
    ...(conn.fingerprint ? { fingerprint: conn.fingerprint } : {}),
    requestId: msg.requestId,
  };
  const decision = await decide(ctx, info);
  if ('reject' in decision) return refuse(decision.code, decision.reason);

  const venId = decision.venId ?? existing?.venId ?? info.venId ?? ctx.newId();
  const holder = ctx.store.vens.get(venId);
  if (holder && holder.registrationId !== msg.registrationId && holder.registrationId !== decision.registrationId) {
    return refuse(452, `venID ${venId} is registered already; re-register with its registrationID`);
  }
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
    ...(info.fingerprint ? { fingerprint: info.fingerprint } : existing?.fingerprint ? { fingerprint: existing.fingerprint } : {}),
    ...(decision.pollFreqMs !== undefined ? { pollFreqMs: decision.pollFreqMs } : {}),
    registeredAt: ctx.now().toISOString(),
  };
  ctx.store.vens.put(venId, record);
  // The VTN's own oadrRegisterReport goes out on the next poll (requirements §2, last bullet).
  addPending(ctx, venId, { kind: 'registerReport' }, true);
  ctx.log.info({ venId, venName: record.venName, registrationId: record.registrationId, reRegistration: Boolean(existing) }, 'VEN registered');
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

type NormalisedDecision =
  | { venId?: string; registrationId?: string; pollFreqMs?: number }
  | { reject: true; code: number; reason: string };

async function decide(ctx: VtnContext, info: RegistrationInfo): Promise<NormalisedDecision> {
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

export function findByRegistrationId(ctx: VtnContext, registrationId: string): VenRecord | undefined {
  for (const ven of ctx.store.vens.values()) if (ven.registrationId === registrationId) return ven;
  return undefined;
}

export async function cancelPartyRegistration(ctx: VtnContext, msg: OadrCancelPartyRegistration): Promise<OadrMessage> {
  const ven = findByRegistrationId(ctx, msg.registrationId);
  const echo = { requestId: msg.requestId, venId: msg.venId, vtnId: ctx.settings.vtnId, registrationId: msg.registrationId };
  if (!ven) return errorReply(msg.type, 452, `registrationID ${msg.registrationId} is unknown`, echo);
  if (msg.venId && msg.venId !== ven.venId) return errorReply(msg.type, 452, `venID ${msg.venId} does not hold registration ${msg.registrationId}`, echo);
  await retireVen(ctx, ven, 'ven');
  return { type: 'oadrCanceledPartyRegistration', response: eiResponse(200, msg.requestId, 'OK'), registrationId: ven.registrationId, venId: ven.venId };
}

/** The VEN's answer to a VTN-initiated cancellation. */
export async function canceledPartyRegistration(ctx: VtnContext, msg: OadrCanceledPartyRegistration): Promise<OadrMessage> {
  const venId = msg.venId ?? '';
  const ven = ctx.store.vens.get(venId);
  if (ven && (!msg.registrationId || msg.registrationId === ven.registrationId)) await retireVen(ctx, ven, 'vtn');
  return { type: 'oadrResponse', response: eiResponse(200, msg.response.requestId, 'OK'), ...(venId ? { venId } : {}) };
}
