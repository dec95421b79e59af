// Decodes the five predefined XML entities and numeric character references in one pass (no double decoding).
import { OadrWireError } from './wire-error.js';

const PREDEFINED: Record<string, string> = { lt: '<', gt: '>', amp: '&', apos: "'", quot: '"' };
const REFERENCE = /&(#[xX][0-9a-fA-F]+|#[0-9]+|[A-Za-z_][\w.-]*);/g;

function isXmlChar(cp: number): boolean {
  return cp === 0x9 || cp === 0xa || cp === 0xd || (cp >= 0x20 && cp <= 0xd7ff) ||
    (cp >= 0xe000 && cp <= 0xfffd) || (cp >= 0x10000 && cp <= 0x10ffff);
}

/** Returns the text with references replaced; an undeclared entity or an illegal character is an E_XML error. */
export function decodeXmlEntities(text: string): string {
  if (!text.includes('&')) return text;
  let references = 0;
  const decoded = text.replace(REFERENCE, (_match, ref: string) => {
    references += 1;
    if (ref.startsWith('#')) {
      const cp = ref[1] === 'x' || ref[1] === 'X' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
      if (!isXmlChar(cp)) throw new OadrWireError('E_XML', `character reference &${ref}; is not a legal XML character`);
      return String.fromCodePoint(cp);
    }
    const value = PREDEFINED[ref];
    if (value === undefined) throw new OadrWireError('E_XML', `entity &${ref}; is not defined (only the five XML entities are allowed)`);
    return value;
  });
  // Every '&' must start a reference; a bare one is not well-formed XML.
  if (references !== text.split('&').length - 1) throw new OadrWireError('E_XML', "a bare '&' is not allowed in XML text; write &amp;");
  return decoded;
}
