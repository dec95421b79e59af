// Secure XML reading: cheap guard, then one well-formedness-checking pass that resolves namespaces by URI
// into canonical names as it builds the tree (no second parse, no intermediate object tree).
import { OADR_NS } from './model.js';
import { DEFAULT_MAX_DEPTH, guardXml, type XmlLimits } from './xml-guard.js';
import { scanXml } from './xml-scan.js';
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

type Scope = ReadonlyMap<string, string>;

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

/** The element for a start tag, and the scope its children resolve prefixes in. */
function openElement(qname: string, rawAttrs: [string, string][], parentScope: Scope): { element: XmlElement; scope: Scope } {
  let scope = parentScope;
  const plain: [string, string][] = [];
  for (const [attr, value] of rawAttrs) {
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
  return { element: { name: canonicalName(resolve(scope, prefix, qname), local), attrs, children: [], text: '' }, scope };
}

/** Reads untrusted XML into a namespace-resolved tree; throws OadrWireError E_XML with a plain reason. */
export function readXml(xml: string, limits: XmlLimits = {}): XmlElement {
  guardXml(xml, limits);
  let root: XmlElement | undefined;
  const stack: { element: XmlElement; scope: Scope }[] = [];
  scanXml(xml, limits.maxDepth ?? DEFAULT_MAX_DEPTH, {
    start(qname, attrs) {
      const parent = stack[stack.length - 1];
      const opened = openElement(qname, attrs, parent ? parent.scope : ROOT_SCOPE);
      if (parent) parent.element.children.push(opened.element);
      else root = opened.element;
      stack.push(opened);
    },
    text(piece) {
      (stack[stack.length - 1] as { element: XmlElement }).element.text += piece;
    },
    end() {
      const closed = stack.pop() as { element: XmlElement };
      closed.element.text = closed.element.text.trim();
    },
  });
  // scanXml guarantees exactly one root element.
  return root as XmlElement;
}
