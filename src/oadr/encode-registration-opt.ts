// EiRegisterParty, OadrPoll, oadrResponse and EiOpt payloads in XSD element order.
import { formatDateTime } from './datetime.js';
import { durationPropXml, eiResponseXml, propertiesXml, targetXml } from './encode-common.js';
import type {
  OadrCancelOpt, OadrCancelPartyRegistration, OadrCanceledOpt, OadrCanceledPartyRegistration, OadrCreateOpt, OadrCreatedOpt,
  OadrCreatePartyRegistration, OadrCreatedPartyRegistration, OadrResponse,
} from './model.js';
import { boolText, leaf, optLeaf, wrap } from './xml-write.js';

export function createPartyRegistrationXml(m: OadrCreatePartyRegistration): string {
  return leaf('pyld:requestID', m.requestId) + optLeaf('ei:registrationID', m.registrationId) + optLeaf('ei:venID', m.venId) +
    leaf('oadr:oadrProfileName', m.profileName) + leaf('oadr:oadrTransportName', m.transportName) +
    optLeaf('oadr:oadrTransportAddress', m.transportAddress) + leaf('oadr:oadrReportOnly', boolText(m.reportOnly)) +
    leaf('oadr:oadrXmlSignature', boolText(m.xmlSignature)) + optLeaf('oadr:oadrVenName', m.venName) +
    (m.httpPullModel !== undefined ? leaf('oadr:oadrHttpPullModel', boolText(m.httpPullModel)) : '');
}

export function createdPartyRegistrationXml(m: OadrCreatedPartyRegistration): string {
  const profiles = m.profiles.map((p) => wrap('oadr:oadrProfile', leaf('oadr:oadrProfileName', p.profileName) +
    wrap('oadr:oadrTransports', p.transports.map((t) => wrap('oadr:oadrTransport', leaf('oadr:oadrTransportName', t))).join('')))).join('');
  return eiResponseXml(m.response) + optLeaf('ei:registrationID', m.registrationId) + optLeaf('ei:venID', m.venId) +
    leaf('ei:vtnID', m.vtnId) + wrap('oadr:oadrProfiles', profiles) +
    (m.pollFreq !== undefined ? durationPropXml(m.pollFreq, 'oadr:oadrRequestedOadrPollFreq') : '');
}

export function cancelPartyRegistrationXml(m: OadrCancelPartyRegistration): string {
  return leaf('pyld:requestID', m.requestId) + leaf('ei:registrationID', m.registrationId) + optLeaf('ei:venID', m.venId);
}

export function canceledPartyRegistrationXml(m: OadrCanceledPartyRegistration): string {
  return eiResponseXml(m.response) + optLeaf('ei:registrationID', m.registrationId) + optLeaf('ei:venID', m.venId);
}

export function responseXml(m: OadrResponse): string {
  return eiResponseXml(m.response) + optLeaf('ei:venID', m.venId);
}

export function createOptXml(m: OadrCreateOpt): string {
  const schedule = m.schedule
    ? wrap('xcal:vavailability', wrap('xcal:components', m.schedule.map((s) => wrap('xcal:available', propertiesXml(s.dtstart, s.duration))).join('')))
    : '';
  return leaf('ei:optID', m.optId) + leaf('ei:optType', m.optType) + leaf('ei:optReason', m.optReason) +
    optLeaf('emix:marketContext', m.marketContext) + leaf('ei:venID', m.venId) + schedule +
    leaf('ei:createdDateTime', formatDateTime(m.createdDateTime)) + leaf('pyld:requestID', m.requestId) +
    (m.event ? wrap('ei:qualifiedEventID', leaf('ei:eventID', m.event.eventId) + leaf('ei:modificationNumber', String(m.event.modificationNumber))) : '') +
    targetXml(m.target);
}

export function createdOptXml(m: OadrCreatedOpt): string {
  return eiResponseXml(m.response) + leaf('ei:optID', m.optId);
}

export function cancelOptXml(m: OadrCancelOpt): string {
  return leaf('pyld:requestID', m.requestId) + leaf('ei:optID', m.optId) + leaf('ei:venID', m.venId);
}

export function canceledOptXml(m: OadrCanceledOpt): string {
  return eiResponseXml(m.response) + optLeaf('ei:optID', m.optId);
}

