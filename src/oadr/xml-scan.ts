// One pass over untrusted XML: checks XML 1.0 well-formedness while tokenising and hands elements and text to a sink.
// Linear in the input: every construct is found with indexOf or a sticky regex from where the last one ended.
// No DOCTYPE, no entity declarations, bounded depth and attribute count.
import { clipText } from '../clip-text.js';
import { decodeXmlEntities } from './xml-entities.js';
import { isXmlSpace, nameAt, skipSpace } from './xml-names.js';
import { readXmlDeclaration } from './xml-declaration.js';
import { fail, notWellFormed } from './xml-fail.js';

/** Receives the document in order; attribute values and text arrive entity-decoded with line ends normalised. */
export interface XmlSink {
  start(qname: string, attrs: [string, string][]): void;
  /** Character data directly inside the current element, untrimmed; a CDATA section arrives literal. */
  text(text: string, cdata: boolean): void;
  end(): void;
  /** A processing instruction (only sinks that re-write the document need them). */
  pi?(target: string, data: string): void;
}

/** Most attributes (namespace declarations included) one element may carry. */
export const MAX_ATTRIBUTES = 256;

// Characters XML 1.0 forbids anywhere, lone surrogates included ('u': a paired surrogate is one code point).
const ILLEGAL_CHAR = /[\u0001-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF\uD800-\uDFFF]/u;

/**
 * A copy of a piece of the document that does not point into it. V8 represents a slice of 13+ characters as a
 * view on the whole document, so a stored ID would otherwise keep the entire request body alive.
 */
export const detach = (piece: string): string => (piece.length < 13 ? piece : (` ${piece}`).slice(1));

/** Index just past `terminator`, searched from `from`; a missing one is an unterminated construct. */
function past(xml: string, from: number, terminator: string, what: string): number {
  const end = xml.indexOf(terminator, from);
  if (end < 0) fail(`the document ends inside an unterminated ${what}`);
  return end + terminator.length;
}

export function scanXml(input: string, maxDepth: number, sink: XmlSink): void {
  const illegal = ILLEGAL_CHAR.exec(input);
  if (illegal) notWellFormed(input, illegal.index, `character U+${illegal[0].charCodeAt(0).toString(16).padStart(4, '0')} is not allowed in XML`);
  // XML 1.0 §2.11: CRLF and a lone CR are read as LF, before anything else sees the text.
  const xml = input.includes('\r') ? input.replace(/\r\n?/g, '\n') : input;
  const open: string[] = [];
  let rooted = false;
  let i = readXmlDeclaration(xml, xml.charCodeAt(0) === 0xfeff ? 1 : 0);
  while (i < xml.length) {
    const lt = xml.indexOf('<', i);
    const textEnd = lt < 0 ? xml.length : lt;
    if (textEnd > i) text(xml, i, textEnd, open.length > 0, sink);
    if (lt < 0) break;
    const next = xml.charCodeAt(lt + 1);
    if (next === 47 /* / */) {
      i = endTag(xml, lt, open);
      sink.end();
    } else if (next === 33 /* ! */) {
      i = markupDeclaration(xml, lt, open.length > 0, sink);
    } else if (next === 63 /* ? */) {
      i = processingInstruction(xml, lt, sink);
    } else {
      if (open.length === 0) {
        if (rooted) notWellFormed(xml, lt, 'the document must have exactly one root element');
        rooted = true;
      }
      i = startTag(xml, lt, open, maxDepth, sink);
    }
  }
  if (open.length > 0) fail(`not well-formed XML: the document ends inside <${clipText(open[open.length - 1]!)}> (never closed)`);
  if (!rooted) fail('the document must have exactly one root element');
}

/** Text between markup: only whitespace outside the root; inside, no ']]>' and every '&' a reference. */
function text(xml: string, from: number, to: number, inside: boolean, sink: XmlSink): void {
  if (!inside) {
    for (let k = from; k < to; k += 1) if (!isXmlSpace(xml.charCodeAt(k))) notWellFormed(xml, k, 'text outside the root element');
    return;
  }
  const raw = xml.slice(from, to);
  const cdataEnd = raw.indexOf(']]>');
  if (cdataEnd >= 0) notWellFormed(xml, from + cdataEnd, "']]>' is not allowed in text; write ]]&gt;");
  sink.text(decodeXmlEntities(raw), false);
}

function endTag(xml: string, lt: number, open: string[]): number {
  const name = nameAt(xml, lt + 2);
  const close = name === undefined ? -1 : skipSpace(xml, lt + 2 + name.length);
  if (name === undefined || close >= xml.length) fail('the document ends inside an end tag');
  if (xml.charCodeAt(close) !== 62) notWellFormed(xml, close, `end tag </${clipText(name)}> is malformed`);
  const expected = open.pop();
  if (expected !== name) {
    notWellFormed(xml, lt, expected === undefined ? `end tag </${clipText(name)}> has no start tag` : `expected </${clipText(expected)}>, found </${clipText(name)}>`);
  }
  return close + 1;
}

/** `<!--…-->`, `<![CDATA[…]]>`; anything else after `<!` (DOCTYPE, ENTITY) is refused. */
function markupDeclaration(xml: string, lt: number, inside: boolean, sink: XmlSink): number {
  if (xml.startsWith('<!--', lt)) {
    // '--' may appear in a comment only as part of its end: `<!-- a -- b -->` and `<!-- a --->` are not XML.
    const dashes = xml.indexOf('--', lt + 4);
    if (dashes < 0) fail('the document ends inside an unterminated comment');
    if (xml.charCodeAt(dashes + 2) !== 62) notWellFormed(xml, dashes, "'--' is not allowed inside a comment");
    return dashes + 3;
  }
  if (xml.startsWith('<![CDATA[', lt)) {
    const end = past(xml, lt + 9, ']]>', 'CDATA section');
    if (!inside) notWellFormed(xml, lt, 'CDATA outside the root element');
    if (end - 3 > lt + 9) sink.text(xml.slice(lt + 9, end - 3), true);
    return end;
  }
  // DOCTYPE and ENTITY declarations enable XXE and entity-expansion attacks: OpenADR never needs them.
  return fail('DOCTYPE and ENTITY declarations are not allowed');
}

/** `<?target …?>`: the target is a name without ':' and not "xml" in any case (that is the declaration's). */
function processingInstruction(xml: string, lt: number, sink: XmlSink): number {
  const target = nameAt(xml, lt + 2);
  if (target === undefined) notWellFormed(xml, lt, 'a processing instruction needs a target name');
  if (target.toLowerCase() === 'xml') notWellFormed(xml, lt, 'the XML declaration is allowed only at the very start of the document');
  if (target.includes(':')) notWellFormed(xml, lt, `processing instruction target ${clipText(target)} must not contain ':'`);
  const after = lt + 2 + target.length;
  if (!xml.startsWith('?>', after) && !isXmlSpace(xml.charCodeAt(after))) notWellFormed(xml, after, 'a space must follow the processing instruction target');
  const end = past(xml, after, '?>', 'processing instruction');
  sink.pi?.(target, xml.slice(skipSpace(xml, after), end - 2));
  return end;
}

/** Reads `<name attr="v" …>` or `/>` at `lt`; returns the index after it. */
function startTag(xml: string, lt: number, open: string[], maxDepth: number, sink: XmlSink): number {
  const name = nameAt(xml, lt + 1);
  if (name === undefined) notWellFormed(xml, lt, "'<' must start a tag name");
  const attrs: [string, string][] = [];
  // Uniqueness by a set (made at the second attribute): a linear scan per attribute is quadratic in the tag.
  let seen: Set<string> | undefined;
  let j = lt + 1 + name.length;
  for (;;) {
    const afterSpace = skipSpace(xml, j);
    if (afterSpace >= xml.length) fail('the document ends inside a start tag');
    const c = xml.charCodeAt(afterSpace);
    if (c === 62 /* > */ || (c === 47 && xml.charCodeAt(afterSpace + 1) === 62)) {
      if (c === 62 && open.length + 1 > maxDepth) fail(`elements are nested more than ${maxDepth} levels deep`);
      sink.start(name, attrs);
      if (c === 62) open.push(name);
      else sink.end();
      return afterSpace + (c === 62 ? 1 : 2);
    }
    if (afterSpace === j) notWellFormed(xml, j, `attributes of <${clipText(name)}> must be separated by whitespace`);
    const attr = nameAt(xml, afterSpace);
    if (attr === undefined) notWellFormed(xml, afterSpace, `unexpected character in <${clipText(name)}>`);
    const eq = skipSpace(xml, afterSpace + attr.length);
    if (xml.charCodeAt(eq) !== 61 /* = */) notWellFormed(xml, eq, `attribute ${clipText(attr)} of <${clipText(name)}> has no value`);
    const q = skipSpace(xml, eq + 1);
    const quote = xml[q];
    if (quote !== '"' && quote !== "'") notWellFormed(xml, q, `the value of attribute ${clipText(attr)} must be quoted`);
    const close = xml.indexOf(quote, q + 1);
    if (close < 0) fail('the document ends inside a start tag');
    const raw = xml.slice(q + 1, close);
    if (raw.includes('<')) notWellFormed(xml, q, `the value of attribute ${clipText(attr)} contains '<'; write &lt;`);
    if (attrs.length === MAX_ATTRIBUTES) notWellFormed(xml, afterSpace, `<${clipText(name)}> has more than ${MAX_ATTRIBUTES} attributes`);
    if (attrs.length > 0) {
      seen ??= new Set([attrs[0]![0]]);
      if (seen.has(attr)) notWellFormed(xml, afterSpace, `attribute ${clipText(attr)} appears twice on <${clipText(name)}>`);
      seen.add(attr);
    }
    attrs.push([attr, detach(decodeXmlEntities(raw, true))]);
    j = close + 1;
  }
}
