// One parse of a signed document for both the shape check and xml-crypto: the tree our reader builds, and the
// document re-written from that same pass for xml-crypto's own XML parser. The re-written form has no comments,
// CDATA, declaration or DOCTYPE (PIs are kept: C14N keeps them), so no reader can find a tree in it other than
// ours (`<!-->`, a comment that looks closed to a text scanner, cannot split them).
import { DEFAULT_MAX_DEPTH, guardXml, type XmlLimits } from '../../oadr/xml-guard.js';
import { SignatureBoundBuilder } from '../../oadr/signature-bound-builder.js';
import type { XmlElement } from '../../oadr/xml-read.js';
import { scanXml } from '../../oadr/xml-scan.js';
import { SignatureError } from './signature-error.js';

export interface SignedParse {
  root: XmlElement;
  /**
   * The document as re-written from this parse (C14N of any element is the same as in the original) and its
   * ds:Signature (the root's first child) as a standalone document with every namespace in scope declared on it
   * ('' when there is none). Written on first use, so a document the shape check refuses costs no more.
   */
  rewritten(): { document: string; signature: string };
}

/** Largest ds:Signature accepted, as re-written: certificates and values of the expected shape fit many times. */
export const MAX_SIGNATURE_CHARS = 64 * 1024;

// Character data and attribute values escaped so that any XML parser reads back exactly the decoded text
// (CR and, in attributes, tab and LF as references: a parser would otherwise normalise them).
const escapeText = (s: string) => s.replace(/[&<>\r]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '\r': '&#xD;' })[c]!);
const escapeAttr = (s: string) => s.replace(/[&<"\t\n\r]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '"': '&quot;', '\t': '&#9;', '\n': '&#xA;', '\r': '&#xD;' })[c]!);

const startTag = (qname: string, attrs: [string, string][], extra = '') => {
  let tag = `<${qname}`;
  for (const [name, value] of attrs) tag += ` ${name}="${escapeAttr(value)}"`;
  return `${tag}${extra}>`;
};

// Token kinds; a start token is followed by its attribute list in `values`.
const START = 0;
const TEXT = 1;
const PI = 2;
const END = 3;

/** Keeps the parse's tokens (references, no copies) so the document can be written after the shape check. */
class RecordingBuilder extends SignatureBoundBuilder {
  protected override refuse(reason: string): never {
    throw new SignatureError('structure', reason);
  }

  readonly kinds: number[] = [];
  readonly values: (string | [string, string][])[] = [];
  readonly #open: string[] = [];
  /** Token index of the root's first child's start and end, and the declarations it inherits. */
  childStart = -1;
  childEnd = -1;
  inherited = '';

  override start(qname: string, attrs: [string, string][]): void {
    super.start(qname, attrs);
    if (this.depth === 2 && this.childStart < 0) {
      this.childStart = this.kinds.length;
      // Inherited declarations are added, so the copy resolves (and canonicalises) as it does in place.
      for (const [prefix, uri] of this.scope.inScope()) {
        const decl = prefix ? `xmlns:${prefix}` : 'xmlns';
        if (!attrs.some(([name]) => name === decl)) this.inherited += ` ${decl}="${escapeAttr(uri)}"`;
      }
    }
    this.kinds.push(START, START);
    this.values.push(qname, attrs);
    this.#open.push(qname);
  }

  override text(piece: string, cdata: boolean): void {
    super.text(piece, cdata);
    this.kinds.push(TEXT);
    this.values.push(piece);
  }

  pi(target: string, data: string): void {
    this.kinds.push(PI);
    this.values.push(data ? `${target} ${data}` : target);
  }

  override end(): void {
    const closingChild = this.depth === 2 && this.childEnd < 0;
    super.end();
    this.kinds.push(END);
    this.values.push(this.#open.pop()!);
    if (closingChild) this.childEnd = this.kinds.length;
  }

  write(from: number, to: number, firstExtra = ''): string {
    const out: string[] = [];
    const { kinds, values } = this;
    for (let k = from; k < to; k += 1) {
      const value = values[k] as string;
      if (kinds[k] === START) {
        out.push(startTag(value, values[k + 1] as [string, string][], k === from ? firstExtra : ''));
        k += 1;
      } else if (kinds[k] === TEXT) out.push(escapeText(value));
      else if (kinds[k] === PI) out.push(`<?${value}?>`);
      else out.push(`</${value}>`);
    }
    return out.join('');
  }
}

/** Reads a signed document once; throws OadrWireError E_XML like readXml. rewritten() throws SignatureError for an oversized Signature. */
export function readSignedXml(xml: string, limits: XmlLimits = {}): SignedParse {
  guardXml(xml, limits);
  const builder = new RecordingBuilder(limits);
  scanXml(xml, limits.maxDepth ?? DEFAULT_MAX_DEPTH, builder);
  const root = builder.root!;
  let written: { document: string; signature: string } | undefined;
  const rewritten = () => {
    if (written) return written;
    const { childStart, childEnd } = builder;
    const signed = childStart >= 0 && root.children[0]?.name === 'ds:Signature';
    const signature = signed ? builder.write(childStart, childEnd, builder.inherited) : '';
    if (signature.length > MAX_SIGNATURE_CHARS) {
      throw new SignatureError('structure', `the ds:Signature is ${signature.length} characters, over the ${MAX_SIGNATURE_CHARS} its expected shape can need`);
    }
    written = { document: builder.write(0, builder.kinds.length), signature };
    return written;
  };
  return { root, rewritten };
}

/** Namespace declarations on the root start tag of a document (prefix, '' for the default -> URI). */
export function rootDeclarations(xml: string): Map<string, string> {
  const found = new Map<string, string>();
  const stop = new Error('root read');
  try {
    scanXml(xml, DEFAULT_MAX_DEPTH, {
      start(_qname, attrs) {
        for (const [name, value] of attrs) if (name === 'xmlns' || name.startsWith('xmlns:')) found.set(name === 'xmlns' ? '' : name.slice(6), value);
        throw stop;
      },
      text() {},
      end() {},
    });
  } catch (err) {
    if (err !== stop) throw err;
  }
  return found;
}
