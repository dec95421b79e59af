// EiReport messages the core must answer even before report subscriptions exist (requirements §2, §5).
import type { OadrMessage } from '../oadr/model.js';
import type { MessageHandler } from './dispatcher.js';
import { eiResponse, okResponse } from './replies.js';

/** Answers to the VTN's own registration and report acknowledgements: recorded in the log, answered 200. */
export const acknowledgeReportMessage: MessageHandler = async (ctx, msg) => {
  const venId = 'venId' in msg ? msg.venId : undefined;
  const requestId = 'response' in msg && msg.response ? msg.response.requestId : '';
  ctx.log.info({ venId, type: msg.type }, 'report acknowledgement received');
  return okResponse(requestId, venId);
};

/** A VEN's oadrRegisterReport answered with no report requests (used when no report decision is installed). */
export const registerReportWithoutRequests: MessageHandler = async (ctx, msg): Promise<OadrMessage> => {
  const venId = 'venId' in msg ? msg.venId : undefined;
  const requestId = 'requestId' in msg && typeof msg.requestId === 'string' ? msg.requestId : '';
  ctx.log.info({ venId }, 'VEN report registration received; no report decision installed, nothing requested');
  return { type: 'oadrRegisteredReport', response: eiResponse(200, requestId, 'OK'), reportRequests: [], ...(venId ? { venId } : {}) };
};
