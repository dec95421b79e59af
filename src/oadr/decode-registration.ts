// EiRegisterParty and OadrPoll payloads.
import { decodeEiResponse } from './decode-common.js';
import type {
  OadrCancelPartyRegistration, OadrCanceledPartyRegistration, OadrCreatePartyRegistration,
  OadrCreatedPartyRegistration, OadrPoll, OadrQueryRegistration, OadrRequestReregistration, OadrResponse, Profile,
} from './model.js';
import type { Node } from './json-read.js';

function optional<T extends object, K extends keyof T>(msg: T, field: K, value: T[K] | undefined): void {
  if (value !== undefined) msg[field] = value;
}

export function decodeCreatePartyRegistration(body: Node): OadrCreatePartyRegistration {
  const msg: OadrCreatePartyRegistration = {
    type: 'oadrCreatePartyRegistration',
    requestId: body.text('pyld:requestID'),
    profileName: body.text('oadr:oadrProfileName').trim(),
    transportName: body.text('oadr:oadrTransportName').trim(),
    reportOnly: body.boolean('oadr:oadrReportOnly'),
    xmlSignature: body.boolean('oadr:oadrXmlSignature'),
  };
  optional(msg, 'registrationId', body.optText('ei:registrationID'));
  optional(msg, 'venId', body.optText('ei:venID'));
  optional(msg, 'transportAddress', body.optText('oadr:oadrTransportAddress'));
  optional(msg, 'venName', body.optText('oadr:oadrVenName'));
  optional(msg, 'httpPullModel', body.optBoolean('oadr:oadrHttpPullModel'));
  return msg;
}

export function decodeCreatedPartyRegistration(body: Node): OadrCreatedPartyRegistration {
  const msg: OadrCreatedPartyRegistration = {
    type: 'oadrCreatedPartyRegistration',
    response: decodeEiResponse(body.child('ei:eiResponse')),
    vtnId: body.text('ei:vtnID'),
    profiles: body.child('oadr:oadrProfiles').children('oadr:oadrProfile').map((p): Profile => ({
      profileName: p.text('oadr:oadrProfileName').trim(),
      transports: p.child('oadr:oadrTransports').children('oadr:oadrTransport').map((t) => t.text('oadr:oadrTransportName').trim()),
    })),
  };
  optional(msg, 'registrationId', body.optText('ei:registrationID'));
  optional(msg, 'venId', body.optText('ei:venID'));
  optional(msg, 'pollFreq', body.optDurationProp('oadr:oadrRequestedOadrPollFreq'));
  return msg;
}

export function decodeCancelPartyRegistration(body: Node): OadrCancelPartyRegistration {
  const msg: OadrCancelPartyRegistration = {
    type: 'oadrCancelPartyRegistration',
    requestId: body.text('pyld:requestID'),
    registrationId: body.text('ei:registrationID'),
  };
  optional(msg, 'venId', body.optText('ei:venID'));
  return msg;
}

export function decodeCanceledPartyRegistration(body: Node): OadrCanceledPartyRegistration {
  const msg: OadrCanceledPartyRegistration = { type: 'oadrCanceledPartyRegistration', response: decodeEiResponse(body.child('ei:eiResponse')) };
  optional(msg, 'registrationId', body.optText('ei:registrationID'));
  optional(msg, 'venId', body.optText('ei:venID'));
  return msg;
}

export function decodeRequestReregistration(body: Node): OadrRequestReregistration {
  return { type: 'oadrRequestReregistration', venId: body.text('ei:venID') };
}

export function decodeQueryRegistration(body: Node): OadrQueryRegistration {
  return { type: 'oadrQueryRegistration', requestId: body.text('pyld:requestID') };
}

export function decodePoll(body: Node): OadrPoll {
  return { type: 'oadrPoll', venId: body.text('ei:venID') };
}

export function decodeResponse(body: Node): OadrResponse {
  const msg: OadrResponse = { type: 'oadrResponse', response: decodeEiResponse(body.child('ei:eiResponse')) };
  optional(msg, 'venId', body.optText('ei:venID'));
  return msg;
}
