// Cheap pre-parse checks on untrusted XML: size, no DOCTYPE/ENTITY declarations, bounded element depth.
import { OadrWireError } from './wire-error.js';

export interface XmlLimits {
  /** Largest accepted document in UTF-8 bytes (default 1 MiB). */
  maxBytes?: number;
  /** Deepest accepted element nesting (default 64). */
  maxDepth?: number;
}

export const DEFAULT_MAX_BYTES = 1024 * 1024;
export const DEFAULT_MAX_DEPTH = 64;

function fail(reason: string): never {
  throw new OadrWireError('E_XML', reason);
}

function skipPast(xml: string, from: number, terminator: string, what: string): number {
  const end = xml.indexOf(terminator, from);
  if (end < 0) fail(`the document ends inside an unterminated ${what}`);
  return end + terminator.length;
}

/** Throws OadrWireError E_XML unless the text is small enough, declaration-free and shallow enough. */
export function guardXml(xml: unknown, limits: XmlLimits = {}): string {
  const maxBytes = limits.maxBytes ?? DEFAULT_MAX_BYTES;
  const maxDepth = limits.maxDepth ?? DEFAULT_MAX_DEPTH;
  if (typeof xml !== 'string') fail('the body is not text');
  if (xml.trim() === '') fail('the body is empty');
  const bytes = Buffer.byteLength(xml, 'utf8');
  if (bytes > maxBytes) fail(`the document is ${bytes} bytes, over the ${maxBytes}-byte limit`);
  // XML 1.0 forbids NUL; its presence means binary data, not a document.
  if (xml.includes('\u0000')) fail('the body contains binary data (NUL characters), not XML text');

  let depth = 0;
  let i = xml.indexOf('<');
  while (i >= 0 && i < xml.length) {
    if (xml.startsWith('<!--', i)) {
      i = skipPast(xml, i + 4, '-->', 'comment');
    } else if (xml.startsWith('<![CDATA[', i)) {
      i = skipPast(xml, i + 9, ']]>', 'CDATA section');
    } else if (xml.startsWith('<!', i)) {
      // DOCTYPE and ENTITY declarations enable XXE and entity-expansion attacks: OpenADR never needs them.
      fail('DOCTYPE and ENTITY declarations are not allowed');
    } else if (xml.startsWith('<?', i)) {
      i = skipPast(xml, i + 2, '?>', 'processing instruction');
    } else if (xml.startsWith('</', i)) {
      depth -= 1;
      i = skipPast(xml, i + 2, '>', 'end tag');
    } else {
      i = endOfStartTag(xml, i + 1);
      if (xml[i - 2] !== '/') {
        depth += 1;
        if (depth > maxDepth) fail(`elements are nested more than ${maxDepth} levels deep`);
      }
    }
    i = xml.indexOf('<', i);
  }
  return xml;
}

// Attribute values may contain '>', so quotes are honoured while looking for the end of a start tag.
function endOfStartTag(xml: string, from: number): number {
  let quote = '';
  for (let j = from; j < xml.length; j += 1) {
    const c = xml[j];
    if (quote) {
      if (c === quote) quote = '';
    } else if (c === '"' || c === "'") {
      quote = c;
    } else if (c === '>') {
      return j + 1;
    }
  }
  return fail('the document ends inside a start tag');
}
