// Registration-side handlers: OpenLEADR's registration_info dict and tuples in, the typed decisions out.
import { VtnError, type Handlers, type RegistrationDecision, type RegistrationInfo, type VenInfo } from '../index.js';
import type { OpenLeadrHandlers, RegistrationInfoDict } from './types.js';

export function registrationInfoDict(info: RegistrationInfo): RegistrationInfoDict {
  return {
    ...(info.venName !== undefined ? { ven_name: info.venName } : {}),
    ...(info.venId !== undefined ? { ven_id: info.venId } : {}),
    ...(info.registrationId !== undefined ? { registration_id: info.registrationId } : {}),
    profile_name: info.profileName,
    transport_name: info.transportName,
    ...(info.transportAddress !== undefined ? { transport_address: info.transportAddress } : {}),
    http_pull_model: info.httpPullModel,
    xml_signature: info.xmlSignature,
    report_only: info.reportOnly,
    ...(info.fingerprint !== undefined ? { fingerprint: info.fingerprint } : {}),
    request_id: info.requestId,
  };
}

const isId = (v: unknown): v is string => typeof v === 'string' && v !== '';

/** [ven_id, registration_id] accepts; false, null or undefined refuses (463, as OpenLEADR answers). */
export function registrationDecision(result: unknown): RegistrationDecision {
  if (result === false || result === null || result === undefined) return { reject: true, code: 463, reason: 'registration refused by on_create_party_registration' };
  if (Array.isArray(result) && result.length === 2 && isId(result[0]) && isId(result[1])) return { venId: result[0], registrationId: result[1] };
  throw new VtnError('E_HANDLER_RESULT', `on_create_party_registration returned ${JSON.stringify(result)}.`,
    'Return [ven_id, registration_id] (two strings) to accept, or false / null to refuse.');
}

export const createPartyRegistration = (fn: OpenLeadrHandlers['on_create_party_registration']): Handlers['onCreatePartyRegistration'] =>
  async (info) => registrationDecision(await fn(registrationInfoDict(info)));

/** {ven_id, ven_name, fingerprint, registration_id} for a known VEN; {} or null for a stranger. */
export const venLookup = (fn: OpenLeadrHandlers['ven_lookup']): Handlers['venLookup'] => async (venId) => {
  const found = await fn(venId);
  if (found === null || found === undefined || (typeof found === 'object' && Object.keys(found).length === 0)) return undefined;
  if (typeof found !== 'object' || !isId(found.ven_id)) {
    throw new VtnError('E_HANDLER_RESULT', `ven_lookup('${venId}') returned ${JSON.stringify(found)}.`,
      "Return { ven_id, ven_name, fingerprint, registration_id } for a known VEN, or {} for an unknown one.");
  }
  const info: VenInfo = { venId: found.ven_id };
  if (isId(found.ven_name)) info.venName = found.ven_name;
  if (isId(found.fingerprint)) info.fingerprint = found.fingerprint;
  if (isId(found.registration_id)) info.registrationId = found.registration_id;
  return info;
};

export const createdEvent = (fn: OpenLeadrHandlers['on_created_event']): Handlers['onCreatedEvent'] =>
  async (venId, eventId, optType) => void (await fn(venId, eventId, optType));

/** OpenLEADR only hears of cancellations the VEN asks for. */
export const cancelPartyRegistration = (fn: OpenLeadrHandlers['on_cancel_party_registration']): Handlers['onCancelPartyRegistration'] =>
  async (info) => {
    if (info.initiatedBy === 'ven') await fn({ ven_id: info.venId, registration_id: info.registrationId });
  };
