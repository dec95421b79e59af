// A tree builder that stops reading as soon as the envelope's ds:Signature outgrows any OpenADR signature, so
// padding hidden inside it (an extra ds:Object of 50,000 elements) costs a few elements of work, not a full parse.
import { MAX_SIGNATURE_ELEMENTS } from './decode-limits.js';
import { OadrWireError } from './wire-error.js';
import { TreeBuilder } from './xml-read.js';

export const SIGNATURE_TOO_LARGE = `the ds:Signature holds more than ${MAX_SIGNATURE_ELEMENTS} elements; an OpenADR signature has about 30 (SignedInfo, SignatureValue, KeyInfo and one ds:Object with the ReplayProtect)`;

export class SignatureBoundBuilder extends TreeBuilder {
  /** Elements read so far inside the root's first child when that is a ds:Signature; -1 outside it. */
  #signatureElements = -1;

  override start(qname: string, attrs: [string, string][]): void {
    super.start(qname, attrs);
    if (this.depth === 2 && this.current!.name === 'ds:Signature') this.#signatureElements = 0;
    if (this.#signatureElements < 0) return;
    this.#signatureElements += 1;
    if (this.#signatureElements > MAX_SIGNATURE_ELEMENTS) this.refuse(SIGNATURE_TOO_LARGE);
  }

  /** The refusal when the bound is crossed; the signature verifier throws its own kind of error instead. */
  protected refuse(reason: string): never {
    throw new OadrWireError('E_XML', reason);
  }

  override end(): void {
    if (this.depth === 2) this.#signatureElements = -1;
    super.end();
  }
}
