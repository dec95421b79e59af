// Seeded generators of XML documents (mostly well-formed, namespace-heavy) and of mutations that break them.

export { seededRandom as rng } from '../../src/simulator/seeded-random.js';

export class Gen {
  constructor(readonly random: () => number) {}
  int(n: number): number {
    return Math.floor(this.random() * n);
  }
  chance(p: number): boolean {
    return this.random() < p;
  }
  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)]!;
  }
}

const XML_NS = 'http://www.w3.org/XML/1998/namespace';
const XMLNS_NS = 'http://www.w3.org/2000/xmlns/';
// Name characters from many Unicode ranges (start-capable, then follow-only), plus some that are never names.
const NAME_START = ['a', 'b', 'Z', '_', 'é', 'ß', 'Ω', 'ж', '中', 'ア', '\u{10000}', '\u{EFFFF}', '\u00C0', '\u0370', '\u037F', '\u2070', '\u3001', '\uF900', '\uFDF0', '\u200C'];
const NAME_REST = ['1', '-', '.', '\u00B7', '\u0300', '\u203F', '\u2040', ...NAME_START];
const NOT_NAME = ['1', '-', '.', '\u00B7', '\u0300', '\u00D7', '\u037E', '\u2000', '\u{F0000}', '\u3000'];
// (No U+FEFF in text: libxml2-wasm decodes each string with a TextDecoder, which drops a leading one.)
const URIS = ['urn:a', 'urn:b', 'http://openadr.org/oadr-2.0b/2012/07', 'http://docs.oasis-open.org/ns/energyinterop/201110', 'rel/ative', 'urn:x?&amp;y'];
// URI edge cases, valid and not (RFC 3986 as libxml2 reads it).
const ODD_URIS = ['urn:é', 'urn:a b', 'http://u@h:80/p;q?x=1#f', 'urn:%41', 'urn:%4', '#frag', 'a#b#c', 'http://[::1]/', 'http://[v1.x]/', '//h/p',
  '?q', '1a:b', 'a:', '&#x20;', 'urn:a&#9;', 'urn:%e9', 'http://h:x/', 'http://h:/p', 'http://[zz]/', 'http://[a b/é]/', '/p/../q', 'urn:a\\b', 'urn:{a}', 'urn:a|b', 'mailto:x@y'];
const uri = (g: Gen) => (g.chance(0.15) ? g.pick(ODD_URIS) : g.pick(URIS));
const PREFIXES = ['p', 'q', 'ei', 'oadr', 'é', 'a.b', 'x-1'];
const TEXT_PIECES = ['x', ' ', '\n', '\t', '\r\n', '\r', 'é', '\u{1F600}', '\u00A0', '\u0085', '\u2028', '&amp;', '&lt;', '&gt;', '&quot;', '&apos;', '&#65;', '&#x41;', '&#x1F600;', '&#13;', '&#9;', '&#10;', '>', ']]', ']', "'", '"', '-', '--'];
const ATTR_PIECES = ['v', ' ', '\t', '\n', '\r\n', '&amp;', '&lt;', '&#9;', '&#xA;', '&#13;', '>', ']]>', 'é', '\u{10000}'];

export function name(g: Gen, valid = true): string {
  let out = valid || g.chance(0.5) ? g.pick(NAME_START) : g.pick(NOT_NAME);
  for (let k = g.int(4); k > 0; k -= 1) out += g.pick(NAME_REST);
  return out;
}

function text(g: Gen, pieces: readonly string[], n: number): string {
  let out = '';
  for (let k = g.int(n); k > 0; k -= 1) out += g.pick(pieces);
  return out;
}

function attrValue(g: Gen): string {
  const quote = g.chance(0.7) ? '"' : "'";
  const other = quote === '"' ? "'" : '"';
  return `${quote}${text(g, [...ATTR_PIECES, other], 5)}${quote}`;
}

interface Scope { prefixes: string[] }

function declarations(g: Gen, scope: Scope): { decls: string; scope: Scope } {
  let decls = '';
  const prefixes = [...scope.prefixes];
  if (g.chance(0.3)) decls += ` xmlns=${g.chance(0.15) ? '""' : `"${uri(g)}"`}`;
  for (let k = g.chance(0.5) ? 1 + g.int(3) : 0; k > 0; k -= 1) {
    const prefix = g.pick(PREFIXES);
    if (decls.includes(` xmlns:${prefix}=`)) continue;
    decls += ` xmlns:${prefix}="${uri(g)}"`;
    prefixes.push(prefix);
  }
  // Rare namespace edge cases: the xml prefix (right and wrong), xmlns, undeclaring a prefix, the reserved URIs.
  if (g.chance(0.04)) decls += g.pick([` xmlns:xml="${XML_NS}"`, ' xmlns:xml="urn:a"', ` xmlns:w="${XML_NS}"`, ` xmlns="${XML_NS}"`,
    ' xmlns:xmlns="urn:a"', ` xmlns:w="${XMLNS_NS}"`, ' xmlns:p=""', ' xmlns:=""', ' xmlns:a:b="urn:a"']);
  return { decls, scope: { prefixes } };
}

function qname(g: Gen, scope: Scope): string {
  const local = name(g, !g.chance(0.02));
  if (g.chance(0.02)) return g.pick([`a:b:${local}`, `:${local}`, `${local}:`, `xmlns:${local}`, `undeclared:${local}`]);
  if (scope.prefixes.length > 0 && g.chance(0.5)) return `${g.pick(scope.prefixes)}:${local}`;
  if (g.chance(0.03)) return `xml:${local}`;
  return local;
}

function attributes(g: Gen, scope: Scope): string {
  let out = '';
  const used = new Set<string>();
  for (let k = g.int(4); k > 0; k -= 1) {
    const attr = g.chance(0.05) ? g.pick(['xml:lang', 'xml:space', '__proto__', 'constructor']) : qname(g, scope);
    if (used.has(attr) && !g.chance(0.05)) continue;
    used.add(attr);
    out += `${g.pick([' ', ' ', '\n', '\t', '  '])}${attr}${g.pick(['=', '=', ' = ', '\n='])}${attrValue(g)}`;
  }
  // Same local name under two prefixes (bound to the same or different URIs).
  if (scope.prefixes.length > 1 && g.chance(0.05)) out += ` ${scope.prefixes[0]}:dup="1" ${scope.prefixes[1]}:dup="2"`;
  return out;
}

function misc(g: Gen): string {
  return g.pick([
    () => `<!--${text(g, ['c', ' ', '-', 'é', '<', '>', '&'], 6).replace(/-(?=-|$)/g, '')}-->`,
    () => `<?${g.pick(['pi', 'xml-stylesheet', 'xmlfoo', 'p-1', 'é'])}${g.chance(0.7) ? ` ${text(g, ['d', ' ', '?', '>', '<'], 5).replace(/\?>/g, '')}` : ''}?>`,
    () => g.pick([' ', '\n', '\t', '\r\n']),
  ])();
}

function element(g: Gen, scope: Scope, depth: number): string {
  const { decls, scope: inner } = declarations(g, scope);
  const tag = qname(g, inner);
  const start = `<${tag}${decls}${attributes(g, inner)}${g.pick(['', '', ' ', '\n'])}`;
  if (depth > 5 || g.chance(0.25)) return `${start}/>`;
  let content = '';
  for (let k = g.int(5); k > 0; k -= 1) {
    content += g.pick([
      () => text(g, TEXT_PIECES, 6),
      () => `<![CDATA[${text(g, ['d', ']]', ']', '>', '<', '&', ' ', '\r\n'], 5).replace(/]]>/g, '')}]]>`,
      () => misc(g),
      () => element(g, inner, depth + 1),
      () => element(g, inner, depth + 1),
    ])();
  }
  return `${start}>${content}</${tag}${g.pick(['', '', ' ', '\n'])}>`;
}

/** A document that is usually well-formed: BOM, declaration, prolog and epilog variants around one element. */
export function document(g: Gen): string {
  const bom = g.chance(0.05) ? '\uFEFF' : '';
  const decl = g.chance(0.4) ? `<?xml version=${g.pick(['"1.0"', "'1.0'", '"1.1"'])}${g.chance(0.5) ? ` encoding=${g.pick(['"UTF-8"', "'utf-8'"])}` : ''}${g.chance(0.2) ? ` standalone=${g.pick(['"yes"', "'no'"])}` : ''}${g.pick(['', ' '])}?>` : '';
  let prolog = '';
  for (let k = g.int(3); k > 0; k -= 1) prolog += misc(g);
  let epilog = '';
  for (let k = g.int(3); k > 0; k -= 1) epilog += misc(g);
  return `${bom}${decl}${prolog}${element(g, { prefixes: [] }, 0)}${epilog}`;
}

const INSERTS = ['<!--', '-->', '--', ']]>', '<![CDATA[', '&#X41;', '&#x;', '&#0;', '&', '&amp', '<', '>', ':', '"', "'", '=', ' ', 'xmlns:p=""',
  ' xmlns:=""', ' a:b:c="1"', '<?xml version="1.0"?>', '<?XML?>', '</x>', '<x>', '<!DOCTYPE r>', '/', '\r', '\uFFFE', '\u0001', '\u{10FFFF}', '&#xD800;', '&#1114112;'];

/** One to three edits: byte flips (on the UTF-8 bytes), insertions of tricky tokens, deletions, duplications. */
export function mutate(g: Gen, doc: string): string {
  let out = doc;
  for (let edits = 1 + g.int(3); edits > 0; edits -= 1) {
    const at = g.int(out.length + 1);
    const kind = g.int(5);
    if (kind === 0) {
      const bytes = Buffer.from(out, 'utf8');
      if (bytes.length > 0) bytes[g.int(bytes.length)]! ^= 1 << g.int(8);
      out = bytes.toString('utf8');
    } else if (kind === 1 || kind === 2) out = out.slice(0, at) + g.pick(INSERTS) + out.slice(at);
    else if (kind === 3) out = out.slice(0, at) + out.slice(at + 1 + g.int(8));
    else out = out.slice(0, at) + out.slice(at, at + 1 + g.int(12)) + out.slice(at);
  }
  // Both readers must see the same characters: lone surrogates (a split pair) become U+FFFD as in UTF-8,
  // and NUL is taken out (libxml2 would read a C string only up to it).
  return Buffer.from(out, 'utf8').toString('utf8').replace(/\0/g, '\u0001');
}
