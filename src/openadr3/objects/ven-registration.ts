// A VEN client creating its ven object asks the same registration policy a 2.0b oadrCreatePartyRegistration does
// (the onCreatePartyRegistration hook the rules layer installs), and a refusal is counted in the same refusal book.
import { randomUUID } from 'node:crypto';
import type { Vtn } from '../../vtn/vtn.js';
import type { RegistrationInfo } from '../../vtn/handlers.js';
import { decideRegistration } from '../../vtn/registration.js';
import { noteRefusedRegistration } from '../../vtn/ven-state.js';

export interface VenApplicant {
  clientID: string;
  venName: string;
  fingerprint?: string;
}

export type VenVerdict = { accepted: true; venId?: string } | { accepted: false; code: number; reason: string };

export async function askRegistrationPolicy(vtn: Vtn, who: VenApplicant): Promise<VenVerdict> {
  const info: RegistrationInfo = {
    venName: who.venName, profileName: '3.1', transportName: 'openadr3', httpPullModel: true, xmlSignature: false, reportOnly: false,
    clientId: who.clientID, role: 'ven', requestId: randomUUID(),
    ...(who.fingerprint ? { fingerprint: who.fingerprint } : {}),
  };
  const decision = await decideRegistration(vtn.ctx, info);
  if ('reject' in decision) {
    noteRefusedRegistration(vtn.ctx, { venName: who.venName, fingerprint: who.fingerprint }, decision.code, decision.reason);
    vtn.ctx.log.info({ clientID: who.clientID, venName: who.venName, code: decision.code, reason: decision.reason }, 'OpenADR 3 ven object refused by the registration policy');
    return { accepted: false, code: decision.code, reason: decision.reason };
  }
  return { accepted: true, ...(decision.venId !== undefined ? { venId: decision.venId } : {}) };
}
