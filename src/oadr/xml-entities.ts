// Decodes the five predefined XML entities and character references in one linear pass (no double decoding).
import { clipText } from '../clip-text.js';
import { OadrWireError } from './wire-error.js';
import { nameAt } from './xml-names.js';

const PREDEFINED = new Map([['lt', '<'], ['gt', '>'], ['amp', '&'], ['apos', "'"], ['quot', '"']]);
const HEX = /^#x[0-9a-fA-F]+$/;
const DECIMAL = /^#[0-9]+$/;
// Attribute-value normalisation (XML 1.0 §3.3.3): literal whitespace characters become spaces, references do not.
const ATTRIBUTE_SPACE = /[\t\n\r]/g;

function fail(reason: string): never {
  throw new OadrWireError('E_XML', reason);
}

function isXmlChar(cp: number): boolean {
  return cp === 0x9 || cp === 0xa || cp === 0xd || (cp >= 0x20 && cp <= 0xd7ff) ||
    (cp >= 0xe000 && cp <= 0xfffd) || (cp >= 0x10000 && cp <= 0x10ffff);
}

function reference(ref: string): string {
  const predefined = PREDEFINED.get(ref);
  if (predefined !== undefined) return predefined;
  if (HEX.test(ref) || DECIMAL.test(ref)) {
    const cp = ref[1] === 'x' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
    if (!isXmlChar(cp)) fail(`character reference &${clipText(ref)}; is not a legal XML character`);
    return String.fromCodePoint(cp);
  }
  if (ref.startsWith('#')) fail(`&${clipText(ref)}; is not a character reference (write &#65; or &#x41;, lowercase x)`);
  if (ref !== '' && nameAt(ref, 0) === ref) fail(`entity &${clipText(ref)}; is not defined (only the five XML entities are allowed)`);
  return fail("a bare '&' is not allowed in XML; write &amp;");
}

/**
 * The text with references replaced; in an attribute value literal tab, CR and LF also become spaces.
 * An undeclared entity, a malformed reference or an illegal character is an E_XML error.
 */
export function decodeXmlEntities(raw: string, attribute = false): string {
  let amp = raw.indexOf('&');
  const literal = attribute ? (piece: string) => piece.replace(ATTRIBUTE_SPACE, ' ') : (piece: string) => piece;
  if (amp < 0) return literal(raw);
  const parts: string[] = [];
  let from = 0;
  while (amp >= 0) {
    // A reference is short; the first ';' after '&' ends it or the '&' is bare (searched once per '&': linear).
    const semi = raw.indexOf(';', amp + 1);
    if (semi < 0) fail("a bare '&' is not allowed in XML; write &amp;");
    parts.push(literal(raw.slice(from, amp)), reference(raw.slice(amp + 1, semi)));
    from = semi + 1;
    amp = raw.indexOf('&', from);
  }
  parts.push(literal(raw.slice(from)));
  return parts.join('');
}
