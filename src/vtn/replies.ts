// Reply builders: the reply type a VEN expects for each request, with in-band error codes (requirements §1).
import type { EiResponse, OadrMessage, OadrMessageType, Profile } from '../oadr/model.js';

/** The reply type each incoming message expects; `null` = no body (an oadrResponse from a VEN). */
export const REPLY_TYPE: Partial<Record<OadrMessageType, OadrMessageType | null>> = {
  oadrQueryRegistration: 'oadrCreatedPartyRegistration',
  oadrCreatePartyRegistration: 'oadrCreatedPartyRegistration',
  oadrCancelPartyRegistration: 'oadrCanceledPartyRegistration',
  oadrCanceledPartyRegistration: 'oadrResponse',
  oadrRequestEvent: 'oadrDistributeEvent',
  oadrCreatedEvent: 'oadrResponse',
  oadrCreateOpt: 'oadrCreatedOpt',
  oadrCancelOpt: 'oadrCanceledOpt',
  oadrRegisterReport: 'oadrRegisteredReport',
  oadrRegisteredReport: 'oadrResponse',
  oadrCreateReport: 'oadrCreatedReport',
  oadrCreatedReport: 'oadrResponse',
  oadrUpdateReport: 'oadrUpdatedReport',
  oadrCancelReport: 'oadrCanceledReport',
  oadrCanceledReport: 'oadrResponse',
  oadrPoll: 'oadrResponse',
  oadrResponse: null,
};

export const PROFILES: Profile[] = [{ profileName: '2.0b', transports: ['simpleHttp'] }];

export interface Echo {
  requestId?: string;
  venId?: string;
  /** Needed to build an oadrCreatedPartyRegistration / oadrDistributeEvent error. */
  vtnId: string;
  optId?: string;
  registrationId?: string;
}

export function eiResponse(code: number, requestId = '', description?: string): EiResponse {
  return description ? { responseCode: code, responseDescription: description, requestId } : { responseCode: code, requestId };
}

export function okResponse(requestId: string, venId?: string): OadrMessage {
  return { type: 'oadrResponse', response: eiResponse(200, requestId, 'OK'), ...(venId ? { venId } : {}) };
}

/** A minimal, schema-valid reply of the type the VEN expects, carrying an error code and reason. */
export function errorReply(forType: OadrMessageType | undefined, code: number, description: string, echo: Echo): OadrMessage {
  const replyType = (forType && REPLY_TYPE[forType]) || 'oadrResponse';
  const response = eiResponse(code, echo.requestId ?? '', description);
  const venId = echo.venId || undefined;
  switch (replyType) {
    case 'oadrCreatedPartyRegistration':
      return {
        type: replyType, response, vtnId: echo.vtnId, profiles: PROFILES,
        ...(echo.registrationId ? { registrationId: echo.registrationId } : {}),
        ...(venId ? { venId } : {}),
      };
    case 'oadrCanceledPartyRegistration':
      return { type: replyType, response, ...(echo.registrationId ? { registrationId: echo.registrationId } : {}), ...(venId ? { venId } : {}) };
    case 'oadrDistributeEvent':
      return { type: replyType, response, requestId: echo.requestId ?? '', vtnId: echo.vtnId, events: [] };
    case 'oadrCreatedOpt':
      return { type: replyType, response, optId: echo.optId ?? '' };
    case 'oadrCanceledOpt':
      return { type: replyType, response, ...(echo.optId ? { optId: echo.optId } : {}) };
    case 'oadrRegisteredReport':
      return { type: replyType, response, reportRequests: [], ...(venId ? { venId } : {}) };
    case 'oadrCreatedReport':
    case 'oadrCanceledReport':
      return { type: replyType, response, pendingReports: [], ...(venId ? { venId } : {}) };
    case 'oadrUpdatedReport':
      return { type: replyType, response, ...(venId ? { venId } : {}) };
    default:
      return { type: 'oadrResponse', response, ...(venId ? { venId } : {}) };
  }
}
