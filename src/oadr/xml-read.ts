// Secure XML reading: guard, well-formedness, parse, then resolve namespaces by URI into canonical names.
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { OADR_NS } from './model.js';
import { decodeXmlEntities } from './xml-entities.js';
import { DEFAULT_MAX_DEPTH, guardXml, type XmlLimits } from './xml-guard.js';
import { OadrWireError } from './wire-error.js';

/** An element with a canonical name: `ei:eventID` for known namespaces, `{uri}local` otherwise. */
export interface XmlElement {
  name: string;
  /** Attributes by canonical name (`ei:schemaVersion`, `oadr:Id`); unprefixed ones keep their local name. */
  attrs: Record<string, string>;
  children: XmlElement[];
  /** Decoded text directly inside the element, trimmed. */
  text: string;
}

const XML_NS = 'http://www.w3.org/XML/1998/namespace';
const XMLNS_NS = 'http://www.w3.org/2000/xmlns/';
const PREFIX_OF_URI = new Map<string, string>(Object.entries(OADR_NS).map(([prefix, uri]) => [uri, prefix]));
const ATTR_PREFIX = '@_';

type Scope = ReadonlyMap<string, string>;
type OrderedNode = Record<string, unknown>;

const ROOT_SCOPE: Scope = new Map([['xml', XML_NS]]);

function canonicalName(uri: string, local: string): string {
  if (!uri) return local;
  const prefix = PREFIX_OF_URI.get(uri);
  return prefix ? `${prefix}:${local}` : `{${uri}}${local}`;
}

function splitQName(qname: string): [string, string] {
  const colon = qname.indexOf(':');
  return colon < 0 ? ['', qname] : [qname.slice(0, colon), qname.slice(colon + 1)];
}

function resolve(scope: Scope, prefix: string, qname: string): string {
  const uri = scope.get(prefix);
  if (uri === undefined) {
    if (prefix === '') return '';
    throw new OadrWireError('E_XML', `namespace prefix "${prefix}" of <${qname}> is not declared`);
  }
  return uri;
}

function textOf(node: OrderedNode): string | undefined {
  const t = node['#text'];
  return t === undefined ? undefined : String(t);
}

function buildElement(qname: string, node: OrderedNode, parentScope: Scope): XmlElement {
  const rawAttrs = (node[':@'] ?? {}) as Record<string, unknown>;
  let scope = parentScope;
  const plain: [string, string][] = [];
  for (const [key, raw] of Object.entries(rawAttrs)) {
    const attr = key.startsWith(ATTR_PREFIX) ? key.slice(ATTR_PREFIX.length) : key;
    const value = decodeXmlEntities(String(raw));
    if (attr === 'xmlns' || attr.startsWith('xmlns:')) {
      const declared = attr === 'xmlns' ? '' : attr.slice(6);
      if (declared && !value) throw new OadrWireError('E_XML', `namespace prefix "${declared}" is bound to an empty URI`);
      if (value === XMLNS_NS || declared === 'xmlns') throw new OadrWireError('E_XML', 'the xmlns namespace cannot be redeclared');
      if (scope === parentScope) scope = new Map(parentScope);
      (scope as Map<string, string>).set(declared, value);
    } else {
      plain.push([attr, value]);
    }
  }
  const attrs: Record<string, string> = {};
  for (const [attr, value] of plain) {
    const [prefix, local] = splitQName(attr);
    // Unprefixed attributes are in no namespace, whatever the default namespace is.
    const name = prefix ? canonicalName(resolve(scope, prefix, attr), local) : local;
    if (name in attrs) throw new OadrWireError('E_XML', `attribute ${name} appears twice on <${qname}>`);
    attrs[name] = value;
  }
  const [prefix, local] = splitQName(qname);
  const element: XmlElement = { name: canonicalName(resolve(scope, prefix, qname), local), attrs, children: [], text: '' };
  const body = node[qname];
  let text = '';
  if (Array.isArray(body)) {
    for (const child of body as OrderedNode[]) {
      const t = textOf(child);
      if (t !== undefined) {
        text += decodeXmlEntities(t);
      } else if ('#cdata' in child) {
        // CDATA is literal text: no entity decoding.
        for (const part of child['#cdata'] as OrderedNode[]) text += textOf(part) ?? '';
      } else {
        const childName = Object.keys(child).find((k) => k !== ':@');
        if (childName !== undefined) element.children.push(buildElement(childName, child, scope));
      }
    }
  }
  element.text = text.trim();
  return element;
}

// One parser per depth limit, built on first use: parsing needs no per-request setup.
const parsers = new Map<number, XMLParser>();

function parserFor(maxDepth: number): XMLParser {
  let parser = parsers.get(maxDepth);
  if (!parser) {
    parser = new XMLParser({
      preserveOrder: true,
      ignoreAttributes: false,
      attributeNamePrefix: ATTR_PREFIX,
      parseTagValue: false,
      parseAttributeValue: false,
      processEntities: false,
      trimValues: true,
      cdataPropName: '#cdata',
      ignoreDeclaration: true,
      ignorePiTags: true,
      maxNestedTags: maxDepth + 1,
    });
    parsers.set(maxDepth, parser);
  }
  return parser;
}

/** Reads untrusted XML into a namespace-resolved tree; throws OadrWireError E_XML with a plain reason. */
export function readXml(xml: string, limits: XmlLimits = {}): XmlElement {
  guardXml(xml, limits);
  const check = XMLValidator.validate(xml);
  if (check !== true) {
    throw new OadrWireError('E_XML', `not well-formed XML at line ${check.err.line}, column ${check.err.col}: ${check.err.msg}`);
  }
  const parser = parserFor(limits.maxDepth ?? DEFAULT_MAX_DEPTH);
  let nodes: OrderedNode[];
  try {
    nodes = parser.parse(xml) as OrderedNode[];
  } catch (err) {
    throw new OadrWireError('E_XML', `not well-formed XML: ${err instanceof Error ? err.message : String(err)}`);
  }
  const elements = nodes.filter((n) => textOf(n) === undefined && !('#cdata' in n));
  const root = elements[0];
  const rootName = root && Object.keys(root).find((k) => k !== ':@');
  if (!root || rootName === undefined || elements.length !== 1) {
    throw new OadrWireError('E_XML', 'the document must have exactly one root element');
  }
  return buildElement(rootName, root, ROOT_SCOPE);
}
