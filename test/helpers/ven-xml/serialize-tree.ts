// Writes an XmlNode tree as XML text in one of the three namespace styles, escaping all text.
import { CUSTOM_PREFIXES, STANDARD_PREFIXES, VEN_NS, type NsKey, type Style } from './namespaces.js';
import type { XmlAttr, XmlNode } from './xml-tree.js';

// XML 1.0 forbids most C0 control characters even when escaped.
const FORBIDDEN_CHARS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/;

function checkChars(value: string): void {
  if (FORBIDDEN_CHARS.test(value)) {
    throw new Error(`ven-xml: value ${JSON.stringify(value)} contains a character XML 1.0 cannot carry`);
  }
}

export function escapeText(value: string): string {
  checkChars(value);
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export function escapeAttr(value: string): string {
  return escapeText(value).replace(/"/g, '&quot;').replace(/'/g, '&apos;').replace(/\r/g, '&#13;')
    .replace(/\n/g, '&#10;').replace(/\t/g, '&#9;');
}

function usedNamespaces(node: XmlNode, into: Set<NsKey>): Set<NsKey> {
  into.add(node.ns);
  for (const a of node.attrs) if (a.ns) into.add(a.ns);
  for (const c of node.children) if (typeof c !== 'string') usedNamespaces(c, into);
  return into;
}

function writeChildren(node: XmlNode, write: (child: XmlNode) => string): string {
  return node.children.map((c) => (typeof c === 'string' ? escapeText(c) : write(c))).join('');
}

function writePrefixed(node: XmlNode, prefixes: Record<NsKey, string>, declarations: string): string {
  const tag = `${prefixes[node.ns]}:${node.name}`;
  const attrs = node.attrs
    .map((a: XmlAttr) => ` ${a.ns ? `${prefixes[a.ns]}:` : ''}${a.name}="${escapeAttr(a.value)}"`)
    .join('');
  const inner = writeChildren(node, (c) => writePrefixed(c, prefixes, ''));
  return `<${tag}${declarations}${attrs}>${inner}</${tag}>`;
}

function writeDefaultNs(node: XmlNode, inheritedDefault: NsKey | undefined): string {
  let head = node.name;
  if (node.ns !== inheritedDefault) head += ` xmlns="${VEN_NS[node.ns]}"`;
  // Attributes never take the default namespace, so qualified ones get a prefix declared right here.
  node.attrs.forEach((a, i) => {
    if (a.ns) head += ` xmlns:q${i}="${VEN_NS[a.ns]}" q${i}:${a.name}="${escapeAttr(a.value)}"`;
    else head += ` ${a.name}="${escapeAttr(a.value)}"`;
  });
  const inner = writeChildren(node, (c) => writeDefaultNs(c, node.ns));
  return `<${head}>${inner}</${node.name}>`;
}

export function serializeTree(root: XmlNode, style: Style): string {
  const prolog = '<?xml version="1.0" encoding="UTF-8"?>\n';
  if (style === 'default-ns') return prolog + writeDefaultNs(root, undefined);
  const prefixes = style === 'standard' ? STANDARD_PREFIXES : CUSTOM_PREFIXES;
  const declarations = [...usedNamespaces(root, new Set())]
    .map((ns) => ` xmlns:${prefixes[ns]}="${VEN_NS[ns]}"`)
    .join('');
  return prolog + writePrefixed(root, { ...prefixes }, declarations);
}
