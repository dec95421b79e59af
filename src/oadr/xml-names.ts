// XML 1.0 (5th ed.) names and whitespace, and the Namespaces 1.0 QName rule, for the one-pass reader.

// NameStartChar without ':' (NCName); the reader adds ':' where a plain XML Name is meant.
const NC_START = 'A-Z_a-z\\u00C0-\\u00D6\\u00D8-\\u00F6\\u00F8-\\u02FF\\u0370-\\u037D\\u037F-\\u1FFF\\u200C\\u200D' +
  '\\u2070-\\u218F\\u2C00-\\u2FEF\\u3001-\\uD7FF\\uF900-\\uFDCF\\uFDF0-\\uFFFD\\u{10000}-\\u{EFFFF}';
const NC_REST = `${NC_START}\\-.0-9\\u00B7\\u0300-\\u036F\\u203F\\u2040`;
// Sticky: matched at an exact position, so a scan never copies the rest of the document.
const NAME = new RegExp(`[:${NC_START}][:${NC_REST}]*`, 'uy');
const NC_START_AT = new RegExp(`[${NC_START}]`, 'uy');

// ASCII name characters: 1 may start a name, 2 may only follow (the regex decides for anything non-ASCII).
const ASCII_NAME = new Uint8Array(128);
for (let c = 0; c < 128; c += 1) {
  const ch = String.fromCharCode(c);
  if (/[:A-Z_a-z]/.test(ch)) ASCII_NAME[c] = 1;
  else if (/[-.0-9]/.test(ch)) ASCII_NAME[c] = 2;
}

/** The XML Name starting at `at`, or undefined when none starts there. */
export function nameAt(xml: string, at: number): string | undefined {
  // Most names are ASCII: walk a table instead of running the Unicode regex and allocating its match.
  const first = xml.charCodeAt(at);
  if (first < 128 && ASCII_NAME[first] === 1) {
    let end = at + 1;
    let c = xml.charCodeAt(end);
    while (c < 128 && ASCII_NAME[c] !== 0) c = xml.charCodeAt((end += 1));
    if (!(c >= 128)) return xml.slice(at, end);
  } else if (!(first >= 128)) return undefined;
  NAME.lastIndex = at;
  return NAME.exec(xml)?.[0];
}

/**
 * Namespaces 1.0 QName, for a string that is already an XML Name: NCName or NCName ':' NCName (no leading,
 * trailing or second colon, and the local part starts like a name: `a:1b` and `a:-b` are refused).
 */
export function isQName(name: string): boolean {
  const colon = name.indexOf(':');
  if (colon < 0) return true;
  if (colon === 0 || name.indexOf(':', colon + 1) >= 0) return false;
  NC_START_AT.lastIndex = colon + 1;
  return NC_START_AT.test(name);
}

/** XML whitespace is exactly space, tab, CR and LF (JavaScript's trim also removes NBSP and others). */
export const isXmlSpace = (c: number): boolean => c === 32 || c === 10 || c === 9 || c === 13;

export function skipSpace(xml: string, at: number): number {
  let j = at;
  while (j < xml.length && isXmlSpace(xml.charCodeAt(j))) j += 1;
  return j;
}

/** The text without leading and trailing XML whitespace. */
export function trimXmlSpace(text: string): string {
  let from = 0;
  let to = text.length;
  while (from < to && isXmlSpace(text.charCodeAt(from))) from += 1;
  while (to > from && isXmlSpace(text.charCodeAt(to - 1))) to -= 1;
  return from === 0 && to === text.length ? text : text.slice(from, to);
}
