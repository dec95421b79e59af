// Decodes the five predefined XML entities and character references in one linear pass (no double decoding).
import { clipText } from '../clip-text.js';
import { fail } from './xml-fail.js';
import { nameAt } from './xml-names.js';

const PREDEFINED = new Map([['lt', '<'], ['gt', '>'], ['amp', '&'], ['apos', "'"], ['quot', '"']]);
const HEX = /^#x[0-9a-fA-F]+$/;
const DECIMAL = /^#[0-9]+$/;
// Attribute-value normalisation (XML 1.0 §3.3.3): literal whitespace characters become spaces, references do not.
const ATTRIBUTE_SPACE = /[\t\n\r]/g;


function isXmlChar(cp: number): boolean {
  return cp === 0x9 || cp === 0xa || cp === 0xd || (cp >= 0x20 && cp <= 0xd7ff) ||
    (cp >= 0xe000 && cp <= 0xfffd) || (cp >= 0x10000 && cp <= 0x10ffff);
}

function reference(ref: string): string {
  if (HEX.test(ref) || DECIMAL.test(ref)) {
    const cp = ref[1] === 'x' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
    if (!isXmlChar(cp)) fail(`character reference &${clipText(ref)}; is not a legal XML character`);
    return String.fromCodePoint(cp);
  }
  if (ref.startsWith('#')) fail(`&${clipText(ref)}; is not a character reference (write &#65; or &#x41;, lowercase x)`);
  if (ref !== '' && nameAt(ref, 0) === ref) fail(`entity &${clipText(ref)}; is not defined (only the five XML entities are allowed)`);
  return fail("a bare '&' is not allowed in XML; write &amp;");
}

const UTF16 = new TextDecoder('utf-16le');

/**
 * The text with references replaced; in an attribute value literal tab, CR and LF also become spaces.
 * An undeclared entity, a malformed reference or an illegal character is an E_XML error.
 * Decoded into a code-unit buffer (the result is never longer than the input): 200,000 references cost
 * ≈ 5 ms this way against ≈ 25–30 ms for slices joined as strings.
 */
export function decodeXmlEntities(raw: string, attribute = false): string {
  const first = raw.indexOf('&');
  if (first < 0) return attribute ? raw.replace(ATTRIBUTE_SPACE, ' ') : raw;
  const out = new Uint16Array(raw.length);
  let n = 0;
  for (let i = 0; i < raw.length; i += 1) {
    const c = raw.charCodeAt(i);
    if (c !== 38 /* & */) {
      out[n++] = attribute && (c === 9 || c === 10 || c === 13) ? 32 : c;
      continue;
    }
    const cp = characterReference(raw, i);
    if (cp !== undefined) {
      if (cp > 0xffff) {
        out[n++] = 0xd800 + ((cp - 0x10000) >> 10);
        out[n++] = 0xdc00 + ((cp - 0x10000) & 0x3ff);
      } else out[n++] = cp;
      i = raw.indexOf(';', i);
      continue;
    }
    const named = namedEntityAt(raw, i);
    if (named !== undefined) {
      out[n++] = named[0];
      i += named[1];
      continue;
    }
    const semi = raw.indexOf(';', i + 1);
    if (semi < 0) fail("a bare '&' is not allowed in XML; write &amp;");
    const value = reference(raw.slice(i + 1, semi));
    for (let k = 0; k < value.length; k += 1) out[n++] = value.charCodeAt(k);
    i = semi;
  }
  return UTF16.decode(out.subarray(0, n));
}

// The five predefined entities as [replacement code unit, length of '&name' without the ';'].
const NAMED: [string, [number, number]][] = [...PREDEFINED].map(([name, value]) => [`${name};`, [value.charCodeAt(0), name.length + 1]]);

function namedEntityAt(raw: string, amp: number): [number, number] | undefined {
  for (const [spelled, found] of NAMED) if (raw.startsWith(spelled, amp + 1)) return found;
  return undefined;
}

/** The code point of a short, well-formed character reference at `amp` (`&#65;`, `&#x41;`), else undefined. */
function characterReference(raw: string, amp: number): number | undefined {
  if (raw.charCodeAt(amp + 1) !== 35 /* # */) return undefined;
  const hex = raw.charCodeAt(amp + 2) === 120; /* x */
  const from = amp + (hex ? 3 : 2);
  let cp = 0;
  let k = from;
  // Eight digits at most on this path: longer (zero-padded) ones go the slow way, so cp never overflows.
  for (; k < raw.length && k - from < 8; k += 1) {
    const d = raw.charCodeAt(k);
    const v = d >= 48 && d <= 57 ? d - 48 : hex && d >= 97 && d <= 102 ? d - 87 : hex && d >= 65 && d <= 70 ? d - 55 : -1;
    if (v < 0) break;
    cp = cp * (hex ? 16 : 10) + v;
  }
  return k > from && raw.charCodeAt(k) === 59 /* ; */ && isXmlChar(cp) ? cp : undefined;
}
