// Raw text positions of elements, so a signature can be handed to xml-crypto byte for byte (its C14N needs the original).
const NS_DECL = /\sxmlns(?::([\w.\-]+))?\s*=\s*(?:"([^"]*)"|'([^']*)')/g;

function skipPast(xml: string, from: number, terminator: string): number {
  const end = xml.indexOf(terminator, from);
  if (end < 0) throw new Error(`unterminated markup near offset ${from}`);
  return end + terminator.length;
}

/** Offset just after the '>' of the start tag beginning at `start`; quotes may hide '>'. */
export function startTagEnd(xml: string, start: number): number {
  let quote = '';
  for (let j = start + 1; j < xml.length; j += 1) {
    const c = xml[j];
    if (quote) {
      if (c === quote) quote = '';
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '>') return j + 1;
  }
  throw new Error('unterminated start tag');
}

/** Offset of the next element start tag at or after `from`, skipping comments, CDATA and PIs; -1 at a close tag or the end. */
export function nextElementStart(xml: string, from: number): number {
  let i = xml.indexOf('<', from);
  while (i >= 0) {
    if (xml.startsWith('<!--', i)) i = skipPast(xml, i, '-->');
    else if (xml.startsWith('<![CDATA[', i)) i = skipPast(xml, i, ']]>');
    else if (xml.startsWith('<?', i)) i = skipPast(xml, i, '?>');
    else if (xml.startsWith('</', i)) return -1;
    else return i;
    i = xml.indexOf('<', i);
  }
  return -1;
}

/** Offset just after the end of the element whose start tag begins at `start`. */
export function elementEnd(xml: string, start: number): number {
  let depth = 0;
  let i = start;
  while (i >= 0 && i < xml.length) {
    if (xml.startsWith('<!--', i)) i = skipPast(xml, i, '-->');
    else if (xml.startsWith('<![CDATA[', i)) i = skipPast(xml, i, ']]>');
    else if (xml.startsWith('<?', i)) i = skipPast(xml, i, '?>');
    else if (xml.startsWith('</', i)) {
      i = skipPast(xml, i, '>');
      depth -= 1;
      if (depth === 0) return i;
    } else {
      const end = startTagEnd(xml, i);
      if (xml[end - 2] !== '/') depth += 1;
      else if (depth === 0) return end;
      i = end;
    }
    i = xml.indexOf('<', i);
  }
  throw new Error('element is not closed');
}

/** xmlns declarations written on the start tag at `start`: prefix ('' for default) -> URI. */
export function namespaceDeclarations(xml: string, start: number): Map<string, string> {
  const tag = xml.slice(start, startTagEnd(xml, start));
  const out = new Map<string, string>();
  for (const m of tag.matchAll(NS_DECL)) out.set(m[1] ?? '', m[2] ?? m[3] ?? '');
  return out;
}

/** The element at `start` as a standalone document: the parent's declarations it does not override are added. */
export function standaloneElement(xml: string, start: number, inherited: Map<string, string>): string {
  const own = namespaceDeclarations(xml, start);
  const nameEnd = xml.slice(start + 1).search(/[\s/>]/) + start + 1;
  let extra = '';
  for (const [prefix, uri] of inherited) {
    if (!own.has(prefix)) extra += ` ${prefix ? `xmlns:${prefix}` : 'xmlns'}="${uri.replace(/"/g, '&quot;')}"`;
  }
  return xml.slice(start, nameEnd) + extra + xml.slice(nameEnd, elementEnd(xml, start));
}
