// EiEvent payloads in XSD element order: oadrDistributeEvent, oadrCreatedEvent, oadrRequestEvent.
import { formatDateTime } from './datetime.js';
import { formatDuration } from './duration.js';
import { durationPropXml, dtstartXml, eiResponseXml, signalIntervalsXml, targetXml } from './encode-common.js';
import { encodeItemBase } from './item-base.js';
import type {
  ActivePeriod, EventBaseline, EventDescriptor, EventSignal, OadrCreatedEvent, OadrDistributeEvent, OadrEvent, OadrRequestEvent,
} from './model.js';
import { floatText, leaf, optLeaf, wrap } from './xml-write.js';

function descriptorXml(d: EventDescriptor): string {
  return wrap('ei:eventDescriptor',
    leaf('ei:eventID', d.eventId) +
    leaf('ei:modificationNumber', String(d.modificationNumber)) +
    (d.modificationDateTime ? leaf('ei:modificationDateTime', formatDateTime(d.modificationDateTime)) : '') +
    optLeaf('ei:modificationReason', d.modificationReason) +
    (d.priority !== undefined ? leaf('ei:priority', String(d.priority)) : '') +
    wrap('ei:eiMarketContext', leaf('emix:marketContext', d.marketContext)) +
    // createdDateTime is mandatory on the wire; the core stamps it at send time, else it is now.
    leaf('ei:createdDateTime', formatDateTime(d.createdDateTime ?? new Date())) +
    leaf('ei:eventStatus', d.eventStatus) +
    (d.testEvent !== undefined ? leaf('ei:testEvent', d.testEvent ? 'true' : 'false') : '') +
    optLeaf('ei:vtnComment', d.vtnComment));
}

function activePeriodXml(p: ActivePeriod): string {
  const tolerance = p.startAfter !== undefined
    ? `<xcal:tolerance><xcal:tolerate>${leaf('xcal:startafter', formatDuration(p.startAfter))}</xcal:tolerate></xcal:tolerance>` : '';
  const props = dtstartXml(p.dtstart) + durationPropXml(p.duration) + tolerance +
    (p.notification !== undefined ? durationPropXml(p.notification, 'ei:x-eiNotification') : '') +
    (p.rampUp !== undefined ? durationPropXml(p.rampUp, 'ei:x-eiRampUp') : '') +
    (p.recovery !== undefined ? durationPropXml(p.recovery, 'ei:x-eiRecovery') : '');
  return `<ei:eiActivePeriod>${wrap('xcal:properties', props)}<xcal:components xsi:nil="true"/></ei:eiActivePeriod>`;
}

function signalXml(s: EventSignal, start: Date | undefined): string {
  return wrap('ei:eiEventSignal',
    signalIntervalsXml(s.intervals, start) +
    (s.target ? targetXml(s.target) : '') +
    leaf('ei:signalName', s.signalName) +
    leaf('ei:signalType', s.signalType) +
    leaf('ei:signalID', s.signalId) +
    encodeItemBase(s.itemBase) +
    (s.currentValue !== undefined ? `<ei:currentValue><ei:payloadFloat>${leaf('ei:value', floatText(s.currentValue))}</ei:payloadFloat></ei:currentValue>` : ''));
}

function baselineXml(b: EventBaseline, withDtstart: boolean): string {
  return wrap('ei:eiEventBaseline',
    dtstartXml(b.dtstart) + durationPropXml(b.duration) +
    signalIntervalsXml(b.intervals, withDtstart ? b.dtstart : undefined) +
    leaf('ei:baselineID', b.baselineId) +
    (b.resourceIds ?? []).map((id) => leaf('ei:resourceID', id)).join('') +
    leaf('ei:baselineName', b.baselineName) +
    encodeItemBase(b.itemBase));
}

function eventXml(e: OadrEvent, intervalDtstart: boolean): string {
  const start = intervalDtstart ? e.activePeriod.dtstart : undefined;
  const signals = e.signals.map((s) => signalXml(s, start)).join('') + (e.baseline ? baselineXml(e.baseline, intervalDtstart) : '');
  return wrap('oadr:oadrEvent',
    wrap('ei:eiEvent', descriptorXml(e.descriptor) + activePeriodXml(e.activePeriod) + wrap('ei:eiEventSignals', signals) + targetXml(e.target)) +
    leaf('oadr:oadrResponseRequired', e.responseRequired));
}

export function distributeEventXml(m: OadrDistributeEvent, intervalDtstart: boolean): string {
  return (m.response ? eiResponseXml(m.response) : '') + leaf('pyld:requestID', m.requestId) + leaf('ei:vtnID', m.vtnId) +
    m.events.map((e) => eventXml(e, intervalDtstart)).join('');
}

export function createdEventXml(m: OadrCreatedEvent): string {
  const responses = m.eventResponses.map((r) => wrap('ei:eventResponse',
    leaf('ei:responseCode', String(r.responseCode)) + optLeaf('ei:responseDescription', r.responseDescription) +
    leaf('pyld:requestID', r.requestId) +
    wrap('ei:qualifiedEventID', leaf('ei:eventID', r.eventId) + leaf('ei:modificationNumber', String(r.modificationNumber))) +
    leaf('ei:optType', r.optType))).join('');
  return wrap('pyld:eiCreatedEvent', eiResponseXml(m.response) + (responses ? wrap('ei:eventResponses', responses) : '') + leaf('ei:venID', m.venId));
}

export function requestEventXml(m: OadrRequestEvent): string {
  return wrap('pyld:eiRequestEvent', leaf('pyld:requestID', m.requestId) + leaf('ei:venID', m.venId) +
    (m.replyLimit !== undefined ? leaf('pyld:replyLimit', String(m.replyLimit)) : ''));
}
