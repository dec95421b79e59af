// Signs an encoded oadrPayload: detached XML-DSig prepended to oadrPayload, RSA-SHA256 or ECDSA-SHA256 (P-256), SHA-256, C14N 1.0, ReplayProtect.
import { createPrivateKey, createPublicKey, randomUUID, X509Certificate, type KeyObject } from 'node:crypto';
import type { GetKeyInfoContentArgs } from 'xml-crypto';
import { xmlCrypto } from './xml-crypto-module.js';
import { VtnError } from '../../errors.js';
import { C14N_10, PROPERTY_OBJECT_ID, SHA256, SIGNED_OBJECT_ID } from './algorithms.js';
import { rootDeclarations } from './signed-parse.js';
import { describeKey, onlySignatureMethod, signatureMethodFor } from './signature-methods.js';

export interface SignerOptions {
  /** PEM certificate placed in KeyInfo. */
  cert: string;
  /** PEM (or DER) private key: RSA (signs RSA-SHA256) or EC P-256 (signs ECDSA-SHA256). */
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
  if (signatureMethodFor(keyObject) === undefined) {
    throw new VtnError('E_CONFIG', `The signing key is ${describeKey(keyObject)}, but OpenADR signatures use RSA-SHA256 or ECDSA-SHA256 on P-256.`, 'Use an RSA or an EC prime256v1 key and certificate for signing.');
  }
  return keyObject;
}

const escapeText = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

// A certificate for another key would make every reply fail at the VEN; refuse it at start-up instead.
function checkCertificateMatches(cert: string, privateKey: KeyObject): void {
  let certKey: KeyObject;
  try {
    certKey = new X509Certificate(cert).publicKey;
  } catch (err) {
    throw new VtnError('E_CONFIG', `The signing certificate cannot be read: ${(err as Error).message}.`, 'Give the PEM certificate of the signing key.');
  }
  // Compared as SPKI bytes: KeyObject.equals on keys of different types leaves an OpenSSL error that breaks the next crypto call.
  const spki = (k: KeyObject) => k.export({ type: 'spki', format: 'der' });
  if (!spki(certKey).equals(spki(createPublicKey(privateKey)))) {
    throw new VtnError('E_CONFIG', `The signing certificate (${describeKey(certKey)}) is not the certificate of the signing key (${describeKey(privateKey)}).`, 'Give the certificate and key of the same pair.');
  }
}

export function createPayloadSigner(opts: SignerOptions): PayloadSigner {
  const privateKey = loadSigningKey(opts.key, opts.passphrase);
  checkCertificateMatches(opts.cert, privateKey);
  const method = signatureMethodFor(privateKey)!;
  const algorithms = onlySignatureMethod(method);
  // xml-crypto re-parses the certificate for KeyInfo on every signature; its output depends only on the prefix.
  const keyInfoByPrefix = new Map<string, string | null>();
  const getKeyInfoContent = (args?: GetKeyInfoContentArgs): string | null => {
    const prefix = args?.prefix ?? '';
    if (!keyInfoByPrefix.has(prefix)) keyInfoByPrefix.set(prefix, xmlCrypto().SignedXml.getKeyInfoContent({ publicCert: opts.cert, prefix }));
    return keyInfoByPrefix.get(prefix) ?? null;
  };
  const now = opts.now ?? (() => new Date());
  const newNonce = opts.newNonce ?? randomUUID;
  return (xml) => {
    // xml-crypto digests ds:Object outside the document; giving it the root's prefixes makes that digest match the final document.
    const existingPrefixes: Record<string, string> = {};
    for (const [prefix, uri] of rootDeclarations(xml)) if (prefix) existingPrefixes[prefix] = uri;
    const dsp = Object.entries(existingPrefixes).find(([, uri]) => uri === 'http://openadr.org/oadr-2.0b/2012/07/xmldsig-properties')?.[0];
    const dspDecl = dsp ? '' : ' xmlns:dsp="http://openadr.org/oadr-2.0b/2012/07/xmldsig-properties"';
    const p = dsp ?? 'dsp';
    const properties = `<ds:SignatureProperties><ds:SignatureProperty Target=""><${p}:ReplayProtect${dspDecl}>`
      + `<${p}:timestamp>${now().toISOString()}</${p}:timestamp><${p}:nonce>${escapeText(newNonce())}</${p}:nonce>`
      + `</${p}:ReplayProtect></ds:SignatureProperty></ds:SignatureProperties>`;
    const sig = new (xmlCrypto().SignedXml)({
      privateKey,
      publicCert: opts.cert,
      getKeyInfoContent,
      signatureAlgorithm: method,
      canonicalizationAlgorithm: C14N_10,
      objects: [{ attributes: { Id: PROPERTY_OBJECT_ID }, content: properties }],
    });
    sig.SignatureAlgorithms = algorithms;
    sig.addReference({ xpath: `//*[local-name(.)='${SIGNED_OBJECT_ID}']`, transforms: [C14N_10], digestAlgorithm: SHA256, uri: `#${SIGNED_OBJECT_ID}` });
    sig.addReference({ xpath: `//*[local-name(.)='Object' and @Id='${PROPERTY_OBJECT_ID}']`, transforms: [C14N_10], digestAlgorithm: SHA256, uri: `#${PROPERTY_OBJECT_ID}` });
    sig.computeSignature(xml, { prefix: 'ds', existingPrefixes, location: { reference: '/*', action: 'prepend' } });
    return sig.getSignedXml();
  };
}
