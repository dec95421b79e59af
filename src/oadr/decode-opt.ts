// EiOpt payloads: opt schedules (vavailability) and event-scoped opts, and their acknowledgements.
import { decodeEiResponse, decodeOptType, decodeTarget } from './decode-common.js';
import type { OadrCancelOpt, OadrCanceledOpt, OadrCreateOpt, OadrCreatedOpt } from './model.js';
import type { Node } from './json-read.js';

export function decodeCreateOpt(body: Node): OadrCreateOpt {
  const msg: OadrCreateOpt = {
    type: 'oadrCreateOpt',
    optId: body.text('ei:optID'),
    optType: decodeOptType(body),
    optReason: body.text('ei:optReason').trim(),
    venId: body.text('ei:venID'),
    createdDateTime: body.dateTime('ei:createdDateTime'),
    requestId: body.text('pyld:requestID'),
    target: decodeTarget(body.child('ei:eiTarget')),
  };
  const market = body.optText('emix:marketContext');
  if (market !== undefined) msg.marketContext = market;
  if (body.has('xcal:vavailability')) {
    msg.schedule = body.child('xcal:vavailability').child('xcal:components').children('xcal:available').map((a) => {
      const props = a.child('xcal:properties');
      return { dtstart: props.dtstart(), duration: props.durationProp() };
    });
  }
  if (body.has('ei:qualifiedEventID')) {
    const q = body.child('ei:qualifiedEventID');
    msg.event = { eventId: q.text('ei:eventID'), modificationNumber: q.number('ei:modificationNumber', 'unsignedInt') };
  }
  return msg;
}

export function decodeCreatedOpt(body: Node): OadrCreatedOpt {
  return { type: 'oadrCreatedOpt', response: decodeEiResponse(body.child('ei:eiResponse')), optId: body.text('ei:optID') };
}

export function decodeCancelOpt(body: Node): OadrCancelOpt {
  return { type: 'oadrCancelOpt', requestId: body.text('pyld:requestID'), optId: body.text('ei:optID'), venId: body.text('ei:venID') };
}

export function decodeCanceledOpt(body: Node): OadrCanceledOpt {
  const msg: OadrCanceledOpt = { type: 'oadrCanceledOpt', response: decodeEiResponse(body.child('ei:eiResponse')) };
  const optId = body.optText('ei:optID');
  if (optId !== undefined) msg.optId = optId;
  return msg;
}
