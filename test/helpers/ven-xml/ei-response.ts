// The eiResponse block (code, description, echoed requestID) that answers carry.
import { el, leaf, maybe, type XmlNode } from './xml-tree.js';

export interface ResponseInput {
  /** Three digits; default 200. */
  code?: string | number;
  description?: string;
  /** requestID of the message answered (may be empty for messages that carried none). */
  requestId: string;
}

export function responseCodeText(code: string | number | undefined): string {
  const text = code === undefined ? '200' : String(code);
  if (!/^[0-9]{3}$/.test(text)) throw new Error(`ven-xml: responseCode must be three digits, got ${JSON.stringify(text)}`);
  return text;
}

export function eiResponseNode(r: ResponseInput): XmlNode {
  return el('ei', 'eiResponse', [
    leaf('ei', 'responseCode', responseCodeText(r.code)),
    maybe(r.description, (d) => leaf('ei', 'responseDescription', d)),
    leaf('pyld', 'requestID', r.requestId),
  ]);
}
