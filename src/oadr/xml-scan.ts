// One pass over untrusted XML: checks well-formedness while tokenising and hands elements and text to a sink.
// Replaces a validate pass plus a parse pass; no DOCTYPE, no entity declarations, bounded depth.
import { decodeXmlEntities } from './xml-entities.js';
import { OadrWireError } from './wire-error.js';

/** Receives the document in order; attribute values and text arrive entity-decoded. */
export interface XmlSink {
  start(qname: string, attrs: [string, string][]): void;
  /** A trimmed, non-empty text piece (CDATA arrives literal and untrimmed). */
  text(text: string): void;
  end(): void;
}

// XML 1.0 Name production (sticky: matched at an exact position).
const NAME_START = ':A-Z_a-z\\u00C0-\\u00D6\\u00D8-\\u00F6\\u00F8-\\u02FF\\u0370-\\u037D\\u037F-\\u1FFF\\u200C\\u200D' +
  '\\u2070-\\u218F\\u2C00-\\u2FEF\\u3001-\\uD7FF\\uF900-\\uFDCF\\uFDF0-\\uFFFD\\u{10000}-\\u{EFFFF}';
const NAME = new RegExp(`[${NAME_START}][${NAME_START}\\-.0-9\\u00B7\\u0300-\\u036F\\u203F\\u2040]*`, 'uy');
// <?xml version="1.x" encoding="…" standalone="yes|no"?>, in that order, the last two optional.
const XML_DECLARATION = /^<\?xml\s+version\s*=\s*(?:"1\.\d+"|'1\.\d+')(?:\s+encoding\s*=\s*(?:"[A-Za-z][\w.-]*"|'[A-Za-z][\w.-]*'))?(?:\s+standalone\s*=\s*(?:"(?:yes|no)"|'(?:yes|no)'))?\s*\?>$/;
// Characters XML 1.0 forbids anywhere (NUL is refused earlier as binary data).
const ILLEGAL_CHAR = /[\u0001-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/;

function notWellFormed(xml: string, pos: number, reason: string): never {
  let line = 1;
  let lineStart = 0;
  for (let k = xml.indexOf('\n'); k >= 0 && k < pos; k = xml.indexOf('\n', k + 1)) {
    line += 1;
    lineStart = k + 1;
  }
  throw new OadrWireError('E_XML', `not well-formed XML at line ${line}, column ${pos - lineStart + 1}: ${reason}`);
}

function fail(reason: string): never {
  throw new OadrWireError('E_XML', reason);
}

/**
 * A copy of a piece of the document that does not point into it. V8 represents a slice of 13+ characters as a
 * view on the whole document, so a stored ID would otherwise keep the entire request body alive.
 */
const detach = (piece: string): string => (piece.length < 13 ? piece : (` ${piece}`).slice(1));

const isSpace = (c: number): boolean => c === 32 || c === 10 || c === 9 || c === 13;

function skipSpace(xml: string, j: number): number {
  while (j < xml.length && isSpace(xml.charCodeAt(j))) j += 1;
  return j;
}

function nameAt(xml: string, j: number): string | undefined {
  NAME.lastIndex = j;
  return NAME.exec(xml)?.[0];
}

/** Index just past `terminator`, searched from `from`; a missing one is an unterminated construct. */
function past(xml: string, from: number, terminator: string, what: string): number {
  const end = xml.indexOf(terminator, from);
  if (end < 0) fail(`the document ends inside an unterminated ${what}`);
  return end + terminator.length;
}

export function scanXml(xml: string, maxDepth: number, sink: XmlSink): void {
  const illegal = ILLEGAL_CHAR.exec(xml);
  if (illegal) notWellFormed(xml, illegal.index, `character U+${illegal[0].charCodeAt(0).toString(16).padStart(4, '0')} is not allowed in XML`);
  const open: string[] = [];
  let rooted = false;
  let seenMarkup = false;
  let i = xml.charCodeAt(0) === 0xfeff ? 1 : 0;
  while (i < xml.length) {
    const lt = xml.indexOf('<', i);
    const textEnd = lt < 0 ? xml.length : lt;
    if (textEnd > i) text(xml, i, textEnd, open.length > 0, sink);
    if (lt < 0) break;
    const next = xml.charCodeAt(lt + 1);
    if (next === 47 /* / */) {
      const name = nameAt(xml, lt + 2);
      const close = name === undefined ? -1 : skipSpace(xml, lt + 2 + name.length);
      if (name === undefined || close >= xml.length) fail('the document ends inside an end tag');
      if (xml.charCodeAt(close) !== 62) notWellFormed(xml, close, `end tag </${name}> is malformed`);
      const expected = open.pop();
      if (expected !== name) notWellFormed(xml, lt, expected === undefined ? `end tag </${name}> has no start tag` : `expected </${expected}>, found </${name}>`);
      sink.end();
      i = close + 1;
    } else if (next === 33 /* ! */) {
      if (xml.startsWith('<!--', lt)) {
        i = past(xml, lt + 4, '-->', 'comment');
      } else if (xml.startsWith('<![CDATA[', lt)) {
        i = past(xml, lt + 9, ']]>', 'CDATA section');
        if (open.length === 0) notWellFormed(xml, lt, 'CDATA outside the root element');
        if (i - 3 > lt + 9) sink.text(detach(xml.slice(lt + 9, i - 3)));
      } else {
        // DOCTYPE and ENTITY declarations enable XXE and entity-expansion attacks: OpenADR never needs them.
        fail('DOCTYPE and ENTITY declarations are not allowed');
      }
    } else if (next === 63 /* ? */) {
      const target = nameAt(xml, lt + 2);
      i = past(xml, lt + 2, '?>', 'processing instruction');
      if (target === undefined) notWellFormed(xml, lt, 'a processing instruction needs a target name');
      if (target.toLowerCase() === 'xml') {
        if (seenMarkup || xml.slice(0, lt).trim() !== '') notWellFormed(xml, lt, 'the XML declaration is allowed only at the start of the document');
        if (!XML_DECLARATION.test(xml.slice(lt, i))) notWellFormed(xml, lt, 'the XML declaration is malformed');
      }
    } else {
      if (open.length === 0) {
        if (rooted) notWellFormed(xml, lt, 'the document must have exactly one root element');
        rooted = true;
      }
      i = startTag(xml, lt, open, maxDepth, sink);
    }
    seenMarkup = true;
  }
  if (open.length > 0) fail(`not well-formed XML: the document ends inside <${open[open.length - 1]}> (never closed)`);
  if (!rooted) fail('the document must have exactly one root element');
}

/** Text between markup: only whitespace outside the root; inside, trimmed and entity-decoded. */
function text(xml: string, from: number, to: number, inside: boolean, sink: XmlSink): void {
  if (!inside) {
    for (let k = from; k < to; k += 1) if (!isSpace(xml.charCodeAt(k))) notWellFormed(xml, k, 'text outside the root element');
    return;
  }
  const piece = xml.slice(from, to).trim();
  if (piece) sink.text(detach(decodeXmlEntities(piece)));
}

/** Reads `<name attr="v" …>` or `/>` at `lt`; returns the index after it. */
function startTag(xml: string, lt: number, open: string[], maxDepth: number, sink: XmlSink): number {
  const name = nameAt(xml, lt + 1);
  if (name === undefined) notWellFormed(xml, lt, "'<' must start a tag name");
  const attrs: [string, string][] = [];
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
    if (afterSpace === j) notWellFormed(xml, j, `attributes of <${name}> must be separated by whitespace`);
    const attr = nameAt(xml, afterSpace);
    if (attr === undefined) notWellFormed(xml, afterSpace, `unexpected character in <${name}>`);
    const eq = skipSpace(xml, afterSpace + attr.length);
    if (xml.charCodeAt(eq) !== 61 /* = */) notWellFormed(xml, eq, `attribute ${attr} of <${name}> has no value`);
    const q = skipSpace(xml, eq + 1);
    const quote = xml[q];
    if (quote !== '"' && quote !== "'") notWellFormed(xml, q, `the value of attribute ${attr} must be quoted`);
    const close = xml.indexOf(quote, q + 1);
    if (close < 0) fail('the document ends inside a start tag');
    const raw = xml.slice(q + 1, close);
    if (raw.includes('<')) notWellFormed(xml, q, `the value of attribute ${attr} contains '<'`);
    for (const [seen] of attrs) if (seen === attr) notWellFormed(xml, afterSpace, `attribute ${attr} appears twice on <${name}>`);
    attrs.push([attr, detach(decodeXmlEntities(raw))]);
    j = close + 1;
  }
}
