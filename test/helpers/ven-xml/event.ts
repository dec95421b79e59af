// EiEvent messages a VEN sends: oadrRequestEvent and oadrCreatedEvent (opt responses per event).
import { eiResponseNode, responseCodeText, type ResponseInput } from './ei-response.js';
import { payloadDocument } from './envelope.js';
import type { RenderOptions } from './namespaces.js';
import { el, leaf, maybe, type XmlNode } from './xml-tree.js';

export function oadrRequestEvent(
  input: { requestId: string; venId: string; replyLimit?: number }, opts: RenderOptions = {},
): string {
  return payloadDocument(el('oadr', 'oadrRequestEvent', [el('pyld', 'eiRequestEvent', [
    leaf('pyld', 'requestID', input.requestId),
    leaf('ei', 'venID', input.venId),
    maybe(input.replyLimit, (n) => leaf('pyld', 'replyLimit', n)),
  ])]), opts.style);
}

export type OptTypeInput = 'optIn' | 'optOut';

export function checkOptType(optType: string): OptTypeInput {
  if (optType !== 'optIn' && optType !== 'optOut') {
    throw new Error(`ven-xml: optType must be optIn or optOut, got ${JSON.stringify(optType)}`);
  }
  return optType;
}

export function checkModificationNumber(n: number): number {
  if (!Number.isInteger(n) || n < 0) throw new Error(`ven-xml: modificationNumber must be an integer >= 0, got ${n}`);
  return n;
}

export interface EventResponseInput {
  eventId: string;
  modificationNumber: number;
  optType: OptTypeInput;
  /** Default 200; 460 = signal not supported. */
  code?: string | number;
  description?: string;
  /** requestID of the oadrDistributeEvent answered; default empty. */
  requestId?: string;
}

function eventResponseNode(r: EventResponseInput): XmlNode {
  return el('ei', 'eventResponse', [
    leaf('ei', 'responseCode', responseCodeText(r.code)),
    maybe(r.description, (d) => leaf('ei', 'responseDescription', d)),
    leaf('pyld', 'requestID', r.requestId ?? ''),
    el('ei', 'qualifiedEventID', [
      leaf('ei', 'eventID', r.eventId),
      leaf('ei', 'modificationNumber', checkModificationNumber(r.modificationNumber)),
    ]),
    leaf('ei', 'optType', checkOptType(r.optType)),
  ]);
}

export interface CreatedEventInput {
  /** The overall response; its requestId is usually the distribute's requestID. */
  response: ResponseInput;
  eventResponses: EventResponseInput[];
  venId: string;
}

export function oadrCreatedEvent(input: CreatedEventInput, opts: RenderOptions = {}): string {
  return payloadDocument(el('oadr', 'oadrCreatedEvent', [el('pyld', 'eiCreatedEvent', [
    eiResponseNode(input.response),
    input.eventResponses.length > 0 && el('ei', 'eventResponses', input.eventResponses.map(eventResponseNode)),
    leaf('ei', 'venID', input.venId),
  ])]), opts.style);
}
