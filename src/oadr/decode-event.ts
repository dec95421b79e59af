// EiEvent payloads: oadrDistributeEvent, oadrCreatedEvent, oadrRequestEvent.
import { decodeEiResponse, decodeOptType, decodeSignalIntervals, decodeTarget } from './decode-common.js';
import { decodeItemBase } from './item-base.js';
import type {
  ActivePeriod, EventBaseline, EventDescriptor, EventResponse, EventSignal, EventStatus,
  OadrCreatedEvent, OadrDistributeEvent, OadrEvent, OadrRequestEvent, ResponseRequired,
} from './model.js';
import type { Node } from './json-read.js';

function decodeDescriptor(node: Node): EventDescriptor {
  const d: EventDescriptor = {
    eventId: node.text('ei:eventID'),
    modificationNumber: node.number('ei:modificationNumber', 'unsignedInt'),
    marketContext: node.child('ei:eiMarketContext').text('emix:marketContext'),
    createdDateTime: node.dateTime('ei:createdDateTime'),
    eventStatus: node.text('ei:eventStatus').trim() as EventStatus,
  };
  const modified = node.optDateTime('ei:modificationDateTime');
  if (modified) d.modificationDateTime = modified;
  const reason = node.optText('ei:modificationReason');
  if (reason !== undefined) d.modificationReason = reason;
  const priority = node.optNumber('ei:priority', 'unsignedInt');
  if (priority !== undefined) d.priority = priority;
  // Rule 6: anything but "false" means a test event.
  const test = node.optText('ei:testEvent');
  if (test !== undefined) d.testEvent = test.trim() !== 'false';
  const comment = node.optText('ei:vtnComment');
  if (comment !== undefined) d.vtnComment = comment;
  return d;
}

function decodeActivePeriod(node: Node): ActivePeriod {
  const props = node.child('xcal:properties');
  const period: ActivePeriod = { dtstart: props.dtstart(), duration: props.durationProp() };
  const tolerate = props.child('xcal:tolerance').child('xcal:tolerate');
  if (tolerate.has('xcal:startafter')) period.startAfter = tolerate.duration('xcal:startafter');
  const notification = props.optDurationProp('ei:x-eiNotification');
  if (notification !== undefined) period.notification = notification;
  const rampUp = props.optDurationProp('ei:x-eiRampUp');
  if (rampUp !== undefined) period.rampUp = rampUp;
  const recovery = props.optDurationProp('ei:x-eiRecovery');
  if (recovery !== undefined) period.recovery = recovery;
  return period;
}

function decodeSignal(node: Node): EventSignal {
  const signal: EventSignal = {
    signalName: node.text('ei:signalName').trim(),
    signalType: node.text('ei:signalType').trim(),
    signalId: node.text('ei:signalID'),
    intervals: decodeSignalIntervals(node.child('strm:intervals')),
  };
  const item = decodeItemBase(node);
  if (item) signal.itemBase = item;
  if (node.has('ei:eiTarget')) signal.target = decodeTarget(node.child('ei:eiTarget'));
  if (node.has('ei:currentValue')) signal.currentValue = node.child('ei:currentValue').child('ei:payloadFloat').number('ei:value');
  return signal;
}

function decodeBaseline(node: Node): EventBaseline {
  const baseline: EventBaseline = {
    baselineId: node.text('ei:baselineID'),
    baselineName: node.text('ei:baselineName'),
    dtstart: node.dtstart(),
    duration: node.durationProp(),
    intervals: decodeSignalIntervals(node.child('strm:intervals')),
  };
  const item = decodeItemBase(node);
  if (item) baseline.itemBase = item;
  if (node.has('ei:resourceID')) baseline.resourceIds = node.texts('ei:resourceID');
  return baseline;
}

function decodeEvent(node: Node): OadrEvent {
  const ev = node.child('ei:eiEvent');
  const signals = ev.child('ei:eiEventSignals');
  const event: OadrEvent = {
    descriptor: decodeDescriptor(ev.child('ei:eventDescriptor')),
    activePeriod: decodeActivePeriod(ev.child('ei:eiActivePeriod')),
    signals: signals.children('ei:eiEventSignal').map(decodeSignal),
    target: decodeTarget(ev.child('ei:eiTarget')),
    responseRequired: node.text('oadr:oadrResponseRequired').trim() as ResponseRequired,
  };
  if (signals.has('ei:eiEventBaseline')) event.baseline = decodeBaseline(signals.child('ei:eiEventBaseline'));
  return event;
}

export function decodeDistributeEvent(body: Node): OadrDistributeEvent {
  const msg: OadrDistributeEvent = {
    type: 'oadrDistributeEvent',
    requestId: body.text('pyld:requestID'),
    vtnId: body.text('ei:vtnID'),
    events: body.children('oadr:oadrEvent').map(decodeEvent),
  };
  if (body.has('ei:eiResponse')) msg.response = decodeEiResponse(body.child('ei:eiResponse'));
  return msg;
}

function decodeEventResponse(node: Node): EventResponse {
  const qualified = node.child('ei:qualifiedEventID');
  const response: EventResponse = {
    responseCode: node.number('ei:responseCode', 'unsignedInt'),
    requestId: node.text('pyld:requestID'),
    eventId: qualified.text('ei:eventID'),
    modificationNumber: qualified.number('ei:modificationNumber', 'unsignedInt'),
    optType: decodeOptType(node),
  };
  const description = node.optText('ei:responseDescription');
  if (description !== undefined) response.responseDescription = description;
  return response;
}

export function decodeCreatedEvent(body: Node): OadrCreatedEvent {
  const created = body.child('pyld:eiCreatedEvent');
  return {
    type: 'oadrCreatedEvent',
    response: decodeEiResponse(created.child('ei:eiResponse')),
    eventResponses: created.child('ei:eventResponses').children('ei:eventResponse').map(decodeEventResponse),
    venId: created.text('ei:venID'),
  };
}

export function decodeRequestEvent(body: Node): OadrRequestEvent {
  const request = body.child('pyld:eiRequestEvent');
  const msg: OadrRequestEvent = {
    type: 'oadrRequestEvent',
    requestId: request.text('pyld:requestID'),
    venId: request.text('ei:venID'),
  };
  const limit = request.optNumber('pyld:replyLimit', 'unsignedInt');
  if (limit !== undefined) msg.replyLimit = limit;
  return msg;
}
