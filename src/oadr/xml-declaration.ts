// The XML declaration (XML 1.0 §2.8): only at the very start, version 1.x, then optional encoding and standalone.
import { isXmlSpace } from './xml-names.js';
import { notWellFormed } from './xml-fail.js';

// In this order, each pseudo-attribute quoted with matching quotes; Eq is S? '=' S?.
const DECLARATION = /<\?xml[ \t\n]+version[ \t\n]*=[ \t\n]*(?:"1\.[0-9]+"|'1\.[0-9]+')(?:[ \t\n]+encoding[ \t\n]*=[ \t\n]*(?:"([A-Za-z][A-Za-z0-9._-]*)"|'([A-Za-z][A-Za-z0-9._-]*)'))?(?:[ \t\n]+standalone[ \t\n]*=[ \t\n]*(?:"(?:yes|no)"|'(?:yes|no)'))?[ \t\n]*\?>/y;

/** Index after the declaration at `at` (after a BOM), or `at` when the document has none. */
export function readXmlDeclaration(xml: string, at: number): number {
  if (!xml.startsWith('<?xml', at) || !(isXmlSpace(xml.charCodeAt(at + 5)) || xml.startsWith('?>', at + 5))) return at;
  DECLARATION.lastIndex = at;
  const match = DECLARATION.exec(xml);
  if (!match) return notWellFormed(xml, at, 'the XML declaration is malformed (write <?xml version="1.0" encoding="UTF-8"?>)');
  // The body is read as UTF-8 text; a document that says otherwise would be read wrongly.
  const encoding = match[1] ?? match[2];
  if (encoding !== undefined && encoding.toUpperCase() !== 'UTF-8') {
    notWellFormed(xml, at, `the document declares encoding ${encoding.slice(0, 40)}; send it as UTF-8 and declare encoding="UTF-8"`);
  }
  return at + match[0].length;
}
