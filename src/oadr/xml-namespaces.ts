// Namespaces 1.0 while the reader walks the document: one binding map changed on the way into an element and
// restored on the way out (an undo record per declaring element), so no scope is ever copied and a lookup is O(1).
import { clipText } from '../clip-text.js';
import { fail } from './xml-fail.js';
import { isQName } from './xml-names.js';
import { isUriReference } from './xml-uri.js';

export const XML_NS = 'http://www.w3.org/XML/1998/namespace';
export const XMLNS_NS = 'http://www.w3.org/2000/xmlns/';
/** Most namespace declarations one element may carry. */
export const MAX_NAMESPACE_DECLARATIONS = 64;

type Undo = [prefix: string, previous: string | undefined][];

export class NamespaceScope {
  private readonly bindings = new Map<string, string>([['xml', XML_NS]]);
  // Undo records only for the elements that declare something, with the depth they were opened at.
  private readonly undo: { depth: number; undo: Undo }[] = [];
  private depth = 0;

  /** Applies the declarations of a start tag; returns its other attributes, names checked as QNames. */
  enter(element: string, attrs: [string, string][]): [string, string][] {
    if (!isQName(element)) fail(`<${clipText(element)}> is not a namespace-well-formed name (one ':' at most, not first or last)`);
    if (element.startsWith('xmlns:')) fail(`<${clipText(element)}>: the prefix xmlns is reserved for declarations`);
    let undo: Undo | null = null;
    let plain = attrs;
    for (let k = 0; k < attrs.length; k += 1) {
      const [name, value] = attrs[k]!;
      if (!isQName(name)) fail(`attribute ${clipText(name)} of <${clipText(element)}> is not a namespace-well-formed name`);
      const declared = name === 'xmlns' ? '' : name.startsWith('xmlns:') ? name.slice(6) : undefined;
      if (declared === undefined) {
        if (plain !== attrs) plain.push(attrs[k]!);
        continue;
      }
      if (plain === attrs) plain = attrs.slice(0, k);
      undo ??= [];
      if (undo.length === MAX_NAMESPACE_DECLARATIONS) fail(`<${clipText(element)}> has more than ${MAX_NAMESPACE_DECLARATIONS} namespace declarations`);
      checkDeclaration(declared, value);
      undo.push([declared, this.bindings.get(declared)]);
      if (value === '') this.bindings.delete('');
      else this.bindings.set(declared, value);
    }
    this.depth += 1;
    if (undo) this.undo.push({ depth: this.depth, undo });
    return plain;
  }

  leave(): void {
    const undos = this.undo;
    // (Reading undos[-1] of an empty array would be a slow property lookup: check the length first.)
    const top = undos.length > 0 ? undos[undos.length - 1]! : undefined;
    this.depth -= 1;
    if (top?.depth !== this.depth + 1) return;
    undos.pop();
    const undo = top.undo;
    for (let k = undo.length - 1; k >= 0; k -= 1) {
      const [prefix, previous] = undo[k]!;
      if (previous === undefined) this.bindings.delete(prefix);
      else this.bindings.set(prefix, previous);
    }
  }

  /** The URI of a prefix ('' for the default namespace: '' when there is none); an undeclared prefix is an error. */
  uri(prefix: string, qname: string): string {
    const uri = this.bindings.get(prefix);
    if (uri !== undefined) return uri;
    if (prefix === '') return '';
    return fail(`namespace prefix "${clipText(prefix)}" of ${clipText(qname)} is not declared`);
  }

  /** Every binding in scope except the built-in xml one (for a standalone copy of an element). */
  inScope(): [string, string][] {
    return [...this.bindings].filter(([prefix]) => prefix !== 'xml');
  }
}

function checkDeclaration(prefix: string, uri: string): void {
  if (prefix === 'xmlns') fail('the xmlns prefix cannot be declared');
  if (uri === XMLNS_NS) fail(`the xmlns namespace ${XMLNS_NS} cannot be bound to a prefix`);
  if ((prefix === 'xml') !== (uri === XML_NS)) fail(`the prefix xml and the namespace ${XML_NS} belong only to each other`);
  // Undeclaring a prefix (xmlns:p="") is Namespaces 1.1; only the default namespace can be undeclared in 1.0.
  if (prefix !== '' && uri === '') fail(`namespace prefix "${clipText(prefix)}" is bound to an empty URI`);
  if (!isUriReference(uri)) fail(`namespace name "${clipText(uri)}" is not a URI (RFC 3986: percent-encode other characters)`);
}
