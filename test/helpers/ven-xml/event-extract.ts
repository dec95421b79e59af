// Reads the events of an oadrDistributeEvent reply, in document order, as plain typed objects.
import { child, listOf, numberOf, textOf, type VenReply } from './reply-parse.js';

export interface ExtractedInterval {
  uid: string | undefined;
  duration: string | undefined;
  /** payloadFloat value; undefined when the interval carries none. */
  payload: number | undefined;
  /** Present only when the VTN wrote an interval dtstart (certification flags it). */
  dtstart?: string;
  /** How many stream payloads the interval carries (exactly one is expected). */
  payloadCount: number;
}

export interface ExtractedSignal {
  name: string;
  type: string;
  signalId: string | undefined;
  currentValue: number | undefined;
  intervals: ExtractedInterval[];
}

export interface ExtractedEvent {
  eventId: string;
  modificationNumber: number;
  status: string;
  priority: number | undefined;
  marketContext: string | undefined;
  /** Raw xcal date-time text, as the VTN wrote it. */
  dtstart: string;
  /** Raw ISO 8601 duration text. */
  duration: string;
  createdDateTime: string;
  testEvent: string | undefined;
  responseRequired: string | undefined;
  vtnComment: string | undefined;
  signals: ExtractedSignal[];
  targetVenIds: string[];
  targetResourceIds: string[];
  targetGroupIds: string[];
  targetGroupNames: string[];
  targetPartyIds: string[];
}

function texts(value: unknown): string[] {
  return listOf(value).map((v) => textOf(v) ?? '');
}

function intervalOf(i: unknown): ExtractedInterval {
  const payloads = listOf(child(i, 'signalPayload'));
  const dtstart = textOf(child(i, 'dtstart', 'date-time'));
  return {
    uid: textOf(child(i, 'uid', 'text')),
    duration: textOf(child(i, 'duration', 'duration')),
    payload: numberOf(child(payloads[0], 'payloadFloat', 'value')),
    ...(dtstart === undefined ? {} : { dtstart }),
    payloadCount: payloads.length,
  };
}

function signalOf(s: unknown): ExtractedSignal {
  return {
    name: textOf(child(s, 'signalName')) ?? '',
    type: textOf(child(s, 'signalType')) ?? '',
    signalId: textOf(child(s, 'signalID')),
    currentValue: numberOf(child(s, 'currentValue', 'payloadFloat', 'value')),
    intervals: listOf(child(s, 'intervals', 'interval')).map(intervalOf),
  };
}

function eventOf(oadrEvent: unknown): ExtractedEvent {
  const ev = child(oadrEvent, 'eiEvent');
  const d = child(ev, 'eventDescriptor');
  const props = child(ev, 'eiActivePeriod', 'properties');
  const target = child(ev, 'eiTarget');
  return {
    eventId: textOf(child(d, 'eventID')) ?? '',
    modificationNumber: numberOf(child(d, 'modificationNumber')) ?? Number.NaN,
    status: textOf(child(d, 'eventStatus')) ?? '',
    priority: numberOf(child(d, 'priority')),
    marketContext: textOf(child(d, 'eiMarketContext', 'marketContext')),
    dtstart: textOf(child(props, 'dtstart', 'date-time')) ?? '',
    duration: textOf(child(props, 'duration', 'duration')) ?? '',
    createdDateTime: textOf(child(d, 'createdDateTime')) ?? '',
    testEvent: textOf(child(d, 'testEvent')),
    responseRequired: textOf(child(oadrEvent, 'oadrResponseRequired')),
    vtnComment: textOf(child(d, 'vtnComment')),
    signals: listOf(child(ev, 'eiEventSignals', 'eiEventSignal')).map(signalOf),
    targetVenIds: texts(child(target, 'venID')),
    targetResourceIds: texts(child(target, 'resourceID')),
    targetGroupIds: texts(child(target, 'groupID')),
    targetGroupNames: texts(child(target, 'groupName')),
    targetPartyIds: texts(child(target, 'partyID')),
  };
}

/** Events of an oadrDistributeEvent; throws for any other reply type so a test fails with the reason. */
export function eventsOf(reply: VenReply): ExtractedEvent[] {
  if (reply.type !== 'oadrDistributeEvent') {
    throw new Error(`eventsOf: expected oadrDistributeEvent, got ${reply.type ?? `no payload (HTTP ${reply.status})`}`);
  }
  return listOf(child(reply.payload, 'oadrEvent')).map(eventOf);
}
