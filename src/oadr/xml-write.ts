// String building blocks for the encoder: escaping and element helpers (no DOM, no per-call setup).

// Characters XML 1.0 cannot carry at all are replaced so the document stays well-formed.
const ILLEGAL_XML_CHARS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;
const NEEDS_WORK = /[&<>"'\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/;
const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

/** Escapes text for element content and attribute values. */
export function esc(value: string): string {
  // Most IDs and names need nothing: one test instead of two replaces on the hot path.
  if (!NEEDS_WORK.test(value)) return value;
  return value.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c).replace(ILLEGAL_XML_CHARS, '\uFFFD');
}

/** `<name>escaped text</name>` */
export function leaf(name: string, text: string): string {
  return `<${name}>${esc(text)}</${name}>`;
}

/** leaf() only when the value is present. */
export function optLeaf(name: string, text: string | undefined): string {
  return text === undefined ? '' : leaf(name, text);
}

/** `<name>already-encoded children</name>` */
export function wrap(name: string, inner: string): string {
  return `<${name}>${inner}</${name}>`;
}

/** xs:float text: JS Infinity/NaN spelled the XSD way. */
export function floatText(n: number): string {
  if (Number.isFinite(n)) return String(n);
  return Number.isNaN(n) ? 'NaN' : n > 0 ? 'INF' : '-INF';
}

/** xs:boolean text. */
export function boolText(b: boolean): string {
  return b ? 'true' : 'false';
}
