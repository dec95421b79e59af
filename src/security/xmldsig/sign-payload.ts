// Signs an encoded oadrPayload: detached XML-DSig prepended to oadrPayload, RSA-SHA256, SHA-256, C14N 1.0, ReplayProtect.
import { createPrivateKey, randomUUID, type KeyObject } from 'node:crypto';
import { SignedXml } from 'xml-crypto';
import { VtnError } from '../../errors.js';
import { C14N_10, PROPERTY_OBJECT_ID, RSA_SHA256, SHA256, SIGNED_OBJECT_ID } from './algorithms.js';
import { namespaceDeclarations, nextElementStart } from './element-span.js';

export interface SignerOptions {
  /** PEM certificate placed in KeyInfo. */
  cert: string;
  /** PEM (or DER) RSA private key. */
  key: string | Buffer;
  passphrase?: string;
  /** Clock for the ReplayProtect timestamp. */
  now?: () => Date;
  newNonce?: () => string;
}

export type PayloadSigner = (xml: string) => string;

export function loadSigningKey(key: string | Buffer, passphrase?: string): KeyObject {
  let keyObject: KeyObject;
  try {
    keyObject = createPrivateKey(passphrase === undefined ? { key } : { key, passphrase });
  } catch (err) {
    throw new VtnError('E_CONFIG', `The signing key cannot be read: ${(err as Error).message}.`, 'Give the PEM private key of the signing certificate (and its passphrase if encrypted).');
  }
  if (keyObject.asymmetricKeyType !== 'rsa') {
    throw new VtnError('E_CONFIG', `The signing key is ${keyObject.asymmetricKeyType ?? 'unknown'}, but OpenADR signatures use RSA-SHA256.`, 'Use an RSA key and certificate for signing.');
  }
  return keyObject;
}

const escapeText = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export function createPayloadSigner(opts: SignerOptions): PayloadSigner {
  const privateKey = loadSigningKey(opts.key, opts.passphrase);
  const now = opts.now ?? (() => new Date());
  const newNonce = opts.newNonce ?? randomUUID;
  return (xml) => {
    const rootStart = nextElementStart(xml, 0);
    // xml-crypto digests ds:Object outside the document; giving it the root's prefixes makes that digest match the final document.
    const existingPrefixes: Record<string, string> = {};
    for (const [prefix, uri] of namespaceDeclarations(xml, rootStart)) if (prefix) existingPrefixes[prefix] = uri;
    const dsp = Object.entries(existingPrefixes).find(([, uri]) => uri === 'http://openadr.org/oadr-2.0b/2012/07/xmldsig-properties')?.[0];
    const dspDecl = dsp ? '' : ' xmlns:dsp="http://openadr.org/oadr-2.0b/2012/07/xmldsig-properties"';
    const p = dsp ?? 'dsp';
    const properties = `<ds:SignatureProperties><ds:SignatureProperty Target=""><${p}:ReplayProtect${dspDecl}>`
      + `<${p}:timestamp>${now().toISOString()}</${p}:timestamp><${p}:nonce>${escapeText(newNonce())}</${p}:nonce>`
      + `</${p}:ReplayProtect></ds:SignatureProperty></ds:SignatureProperties>`;
    const sig = new SignedXml({
      privateKey,
      publicCert: opts.cert,
      signatureAlgorithm: RSA_SHA256,
      canonicalizationAlgorithm: C14N_10,
      objects: [{ attributes: { Id: PROPERTY_OBJECT_ID }, content: properties }],
    });
    sig.addReference({ xpath: `//*[local-name(.)='${SIGNED_OBJECT_ID}']`, transforms: [C14N_10], digestAlgorithm: SHA256, uri: `#${SIGNED_OBJECT_ID}` });
    sig.addReference({ xpath: `//*[local-name(.)='Object' and @Id='${PROPERTY_OBJECT_ID}']`, transforms: [C14N_10], digestAlgorithm: SHA256, uri: `#${PROPERTY_OBJECT_ID}` });
    sig.computeSignature(xml, { prefix: 'ds', existingPrefixes, location: { reference: '/*', action: 'prepend' } });
    return sig.getSignedXml();
  };
}
