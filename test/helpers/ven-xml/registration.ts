// EiRegisterParty messages a VEN sends: query, create, cancel, and the answer to a VTN's cancel.
import { eiResponseNode, type ResponseInput } from './ei-response.js';
import { payloadDocument } from './envelope.js';
import type { RenderOptions } from './namespaces.js';
import { el, leaf, maybe } from './xml-tree.js';

export function oadrQueryRegistration(input: { requestId: string }, opts: RenderOptions = {}): string {
  return payloadDocument(el('oadr', 'oadrQueryRegistration', [leaf('pyld', 'requestID', input.requestId)]), opts.style);
}

export interface CreatePartyRegistrationInput {
  requestId: string;
  venName: string;
  /** Present when re-registering an existing registration. */
  registrationId?: string;
  /** A venID the VEN pre-allocated (certification case N1_0025). */
  venId?: string;
  profile?: '2.0a' | '2.0b';
  transport?: 'simpleHttp' | 'xmpp';
  transportAddress?: string;
  reportOnly?: boolean;
  xmlSignature?: boolean;
  httpPullModel?: boolean;
}

export function oadrCreatePartyRegistration(input: CreatePartyRegistrationInput, opts: RenderOptions = {}): string {
  return payloadDocument(el('oadr', 'oadrCreatePartyRegistration', [
    leaf('pyld', 'requestID', input.requestId),
    maybe(input.registrationId, (id) => leaf('ei', 'registrationID', id)),
    maybe(input.venId, (id) => leaf('ei', 'venID', id)),
    leaf('oadr', 'oadrProfileName', input.profile ?? '2.0b'),
    leaf('oadr', 'oadrTransportName', input.transport ?? 'simpleHttp'),
    maybe(input.transportAddress, (a) => leaf('oadr', 'oadrTransportAddress', a)),
    leaf('oadr', 'oadrReportOnly', input.reportOnly ?? false),
    leaf('oadr', 'oadrXmlSignature', input.xmlSignature ?? false),
    leaf('oadr', 'oadrVenName', input.venName),
    leaf('oadr', 'oadrHttpPullModel', input.httpPullModel ?? true),
  ]), opts.style);
}

export function oadrCancelPartyRegistration(
  input: { requestId: string; registrationId: string; venId?: string }, opts: RenderOptions = {},
): string {
  return payloadDocument(el('oadr', 'oadrCancelPartyRegistration', [
    leaf('pyld', 'requestID', input.requestId),
    leaf('ei', 'registrationID', input.registrationId),
    maybe(input.venId, (id) => leaf('ei', 'venID', id)),
  ]), opts.style);
}

/** The VEN's answer to an oadrCancelPartyRegistration the VTN delivered on a poll. */
export function oadrCanceledPartyRegistration(
  input: { response: ResponseInput; registrationId?: string; venId?: string }, opts: RenderOptions = {},
): string {
  return payloadDocument(el('oadr', 'oadrCanceledPartyRegistration', [
    eiResponseNode(input.response),
    maybe(input.registrationId, (id) => leaf('ei', 'registrationID', id)),
    maybe(input.venId, (id) => leaf('ei', 'venID', id)),
  ]), opts.style);
}
