// Cheap checks on untrusted XML before it is read: text, not empty, not binary, small enough. DOCTYPE,
// entity declarations and nesting depth are refused by the single-pass reader (xml-scan.ts).
import { fail } from './xml-fail.js';

export interface XmlLimits {
  /** Largest accepted document in UTF-8 bytes (default 1 MiB). */
  maxBytes?: number;
  /** Deepest accepted element nesting (default 64). */
  maxDepth?: number;
  /** Most elements in one document (default 32,768). */
  maxElements?: number;
  /** Most attributes (namespace declarations included) in one document (default 4,096). */
  maxAttributes?: number;
}

export const DEFAULT_MAX_BYTES = 1024 * 1024;
export const DEFAULT_MAX_DEPTH = 64;
// The largest real messages (1,000 described data points, ~16 elements each) need about half of this; building
// the tree costs ~0.8 µs an element, so 1 MiB of tiny elements is refused after ~25 ms instead of read for 40+.
export const DEFAULT_MAX_ELEMENTS = 32_768;
// Real messages carry a few dozen (schemaVersion, Id, xmlns); 400 elements × 256 attributes took ~130 ms to build.
export const DEFAULT_MAX_ATTRIBUTES = 4_096;


/** Throws OadrWireError E_XML unless the body is non-empty text within the size limit. */
export function guardXml(xml: unknown, limits: XmlLimits = {}): string {
  const maxBytes = limits.maxBytes ?? DEFAULT_MAX_BYTES;
  if (typeof xml !== 'string') fail('the body is not text');
  if (xml.trim() === '') fail('the body is empty');
  // A UTF-8 character takes at most 3 bytes per UTF-16 unit: short documents need no byte count.
  const bytes = xml.length * 3 <= maxBytes ? xml.length : Buffer.byteLength(xml, 'utf8');
  if (bytes > maxBytes) fail(`the document is ${bytes} bytes, over the ${maxBytes}-byte limit`);
  // XML 1.0 forbids NUL; its presence means binary data, not a document.
  if (xml.includes('\u0000')) fail('the body contains binary data (NUL characters), not XML text');
  return xml;
}
