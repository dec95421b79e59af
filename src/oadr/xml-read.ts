// Secure XML reading: cheap guard, then one well-formedness-checking pass that resolves namespaces by URI
// into canonical names as it builds the tree (no second parse, no intermediate object tree).
import { bareObject } from './bare-object.js';
import { OADR_NS } from './model.js';
import { DEFAULT_MAX_ATTRIBUTES, DEFAULT_MAX_DEPTH, DEFAULT_MAX_ELEMENTS, guardXml, type XmlLimits } from './xml-guard.js';
import { NamespaceScope } from './xml-namespaces.js';
import { trimXmlSpace } from './xml-names.js';
import { detach, scanXml, type XmlSink } from './xml-scan.js';
import { fail } from './xml-fail.js';
import { clipText } from '../clip-text.js';

/** An element with a canonical name: `ei:eventID` for known namespaces, `{uri}local` otherwise. */
export interface XmlElement {
  name: string;
  /**
   * Attributes by canonical name (`ei:schemaVersion`, `oadr:Id`); unprefixed ones keep their local name.
   * A prototype-free object: `__proto__` or `constructor` is an ordinary key here, never an inherited one.
   */
  attrs: Record<string, string>;
  /** Child elements in document order (childless elements share one frozen empty array). */
  readonly children: readonly XmlElement[];
  /** Text directly inside the element: each text piece trimmed, CDATA kept, joined, then trimmed again. */
  text: string;
}

const newAttributeMap = (): Record<string, string> => bareObject<Record<string, string>>();

const PREFIX_OF_URI = new Map<string, string>(Object.entries(OADR_NS).map(([prefix, uri]) => [uri, prefix]));

export function canonicalName(uri: string, local: string): string {
  if (!uri) return local;
  const prefix = PREFIX_OF_URI.get(uri);
  return prefix ? `${prefix}:${local}` : `{${uri}}${local}`;
}

// Elements without attributes or children share one frozen map or array: no allocation per leaf element.
const NO_ATTRIBUTES: Record<string, string> = Object.freeze(newAttributeMap());
const NO_CHILDREN: readonly XmlElement[] = Object.freeze([]);

type Building = { -readonly [K in keyof XmlElement]: XmlElement[K] };

/** The canonical name of an element or attribute QName in the current scope (attributes: no default namespace). */
function resolveName(scope: NamespaceScope, qname: string, attribute: boolean): string {
  const colon = qname.indexOf(':');
  if (colon < 0) return attribute ? qname : canonicalName(scope.uri('', qname), qname);
  return canonicalName(scope.uri(qname.slice(0, colon), qname), qname.slice(colon + 1));
}

/** Attributes by canonical name, for a start tag whose declarations `scope` has just applied. */
export function resolveAttributes(scope: NamespaceScope, qname: string, plain: [string, string][]): Record<string, string> {
  if (plain.length === 0) return NO_ATTRIBUTES;
  // Many keys on one fast-mode object make a hidden class per key; a dictionary from the start avoids that.
  const attrs = plain.length > 8 ? (Object.create(null) as Record<string, string>) : newAttributeMap();
  for (const [attr, value] of plain) {
    const name = resolveName(scope, attr, true);
    // Two prefixes bound to one URI make the same attribute: {uri}local twice is an error too.
    if (name in attrs) fail(`attribute ${clipText(name)} appears twice on <${clipText(qname)}>`);
    attrs[name] = value;
  }
  return attrs;
}

/** Builds XmlElements; an element with several text pieces joins them once when it closes (no `+=` chains). */
export class TreeBuilder implements XmlSink {
  readonly scope = new NamespaceScope();
  root: XmlElement | undefined;
  readonly #maxElements: number;
  readonly #maxAttributes: number;
  #elements = 0;
  #attributes = 0;

  constructor(limits: XmlLimits = {}) {
    this.#maxElements = limits.maxElements ?? DEFAULT_MAX_ELEMENTS;
    this.#maxAttributes = limits.maxAttributes ?? DEFAULT_MAX_ATTRIBUTES;
  }
  private readonly stack: Building[] = [];
  // Extra text pieces by depth, for the rare element whose text is split by comments, CDATA or children.
  private readonly more = new Map<number, string[]>();

  /** The innermost open element (the one the last start() opened, until its end()). */
  get current(): XmlElement | undefined {
    return this.stack.length > 0 ? this.stack[this.stack.length - 1] : undefined;
  }

  /** Open elements, the root included. */
  get depth(): number {
    return this.stack.length;
  }

  start(qname: string, rawAttrs: [string, string][]): void {
    if (++this.#elements > this.#maxElements) fail(`the document holds more than ${this.#maxElements} elements; no OpenADR message needs that many`);
    if ((this.#attributes += rawAttrs.length) > this.#maxAttributes) fail(`the document holds more than ${this.#maxAttributes} attributes; no OpenADR message needs that many`);
    const attrs = resolveAttributes(this.scope, qname, this.scope.enter(qname, rawAttrs));
    const element: Building = { name: resolveName(this.scope, qname, false), attrs, children: NO_CHILDREN, text: '' };
    const stack = this.stack;
    const parent = stack[stack.length - 1];
    if (!parent) this.root = element;
    else if (parent.children === NO_CHILDREN) parent.children = [element];
    else (parent.children as XmlElement[]).push(element);
    stack.push(element);
  }

  text(piece: string, cdata: boolean): void {
    const kept = cdata ? piece : trimXmlSpace(piece);
    if (!kept) return;
    const depth = this.stack.length;
    const top = this.stack[depth - 1]!;
    if (top.text === '') top.text = kept;
    else {
      const more = this.more.get(depth);
      if (more) more.push(kept);
      else this.more.set(depth, [top.text, kept]);
    }
  }

  end(): void {
    const depth = this.stack.length;
    const element = this.stack.pop()!;
    const more = this.more.size > 0 ? this.more.get(depth) : undefined;
    if (more) this.more.delete(depth);
    const text = more ? more.join('') : element.text;
    if (text) element.text = detach(trimXmlSpace(text));
    this.scope.leave();
  }
}

/** Reads untrusted XML into a namespace-resolved tree; throws OadrWireError E_XML with a plain reason. */
export function readXml(xml: string, limits: XmlLimits = {}, builder: TreeBuilder = new TreeBuilder(limits)): XmlElement {
  guardXml(xml, limits);
  scanXml(xml, limits.maxDepth ?? DEFAULT_MAX_DEPTH, builder);
  // scanXml guarantees exactly one root element.
  return builder.root!;
}
