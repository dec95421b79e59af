// oadrPoll (ask for pending messages) and oadrResponse (a bare acknowledgement).
import { eiResponseNode, type ResponseInput } from './ei-response.js';
import { payloadDocument } from './envelope.js';
import type { RenderOptions } from './namespaces.js';
import { el, leaf, maybe } from './xml-tree.js';

export function oadrPoll(input: { venId: string }, opts: RenderOptions = {}): string {
  return payloadDocument(el('oadr', 'oadrPoll', [leaf('ei', 'venID', input.venId)]), opts.style);
}

export function oadrResponse(input: { response: ResponseInput; venId?: string }, opts: RenderOptions = {}): string {
  return payloadDocument(el('oadr', 'oadrResponse', [
    eiResponseNode(input.response),
    maybe(input.venId, (id) => leaf('ei', 'venID', id)),
  ]), opts.style);
}
