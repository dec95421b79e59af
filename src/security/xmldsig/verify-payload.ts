// Verifies an incoming signed oadrPayload and returns what was actually signed: the payload and ReplayProtect bytes.
import { parseDateTime } from '../../oadr/datetime.js';
import { OADR_NS } from '../../oadr/model.js';
import { readXml, type XmlElement } from '../../oadr/xml-read.js';
import { C14N_10, SHA256, SIGNED_OBJECT_ID } from './algorithms.js';
import { checkSignatureShape } from './signature-shape.js';
import { readSignedXml } from './signed-parse.js';
import { SignatureError } from './signature-error.js';
import { onlySignatureMethod } from './signature-methods.js';
import { signerCertificate } from './signer-certificate.js';
import { xmlCrypto } from './xml-crypto-module.js';

export interface VerifiedPayload {
  /** An oadrPayload document built only from the canonical bytes of the signed oadrSignedObject. */
  payloadXml: string;
  signerFingerprint: string;
  timestamp: Date;
  nonce: string;
}

export interface VerifyOptions {
  /** The fingerprint the signer certificate must have; omit only to learn it (first registration without TLS). */
  expectedFingerprint?: string;
  maxBytes?: number;
}

export function verifySignedPayload(xml: string, opts: VerifyOptions = {}): VerifiedPayload {
  // 1. one parse for everything: the shape check reads its tree, xml-crypto reads the document re-written from it
  // (DOCTYPE refused, depth and size bounded); anything beyond the expected shape is refused here, before any
  // certificate parsing or crypto
  const limits = opts.maxBytes ? { maxBytes: opts.maxBytes } : {};
  const parsed = readSignedXml(xml, limits);
  const shape = checkSignatureShape(parsed.root);

  // 2. signer certificate pinned to the VEN's fingerprint, and a key of the kind the signature method names
  const signer = signerCertificate(shape.certificate);
  const signerFingerprint = signer.fingerprint;
  if (opts.expectedFingerprint !== undefined && signerFingerprint !== opts.expectedFingerprint) {
    throw new SignatureError('certificate', `the message is signed by certificate ${signerFingerprint}, not by the VEN's registered certificate ${opts.expectedFingerprint}`);
  }
  if (signer.method !== shape.signatureMethod) {
    throw new SignatureError('algorithm', `signature method ${shape.signatureMethod} does not fit the signer's ${signer.keyDescription} key; use RSA-SHA256 with RSA or ECDSA-SHA256 with P-256`);
  }

  // 3. cryptographic check of that same parse, with xml-crypto held to the pinned algorithms
  const { document, signature } = parsed.rewritten();
  const verifier = new (xmlCrypto().SignedXml)({ publicCert: signer.publicKey });
  verifier.SignatureAlgorithms = onlySignatureMethod(shape.signatureMethod);
  verifier.HashAlgorithms = { [SHA256]: verifier.HashAlgorithms[SHA256]! };
  // (Canonicalizations stay as shipped: loadSignature itself uses exclusive C14N; the shape check pins C14N 1.0.)
  // Only "Id" resolves references (the schema's oadr:Id and ds:Object/@Id); the shape check already refused duplicates under Id/ID/id.
  // Each extra name costs xml-crypto a full-document XPath scan per reference.
  verifier.idAttributes = ['Id'];
  let valid = false;
  let why = '';
  try {
    verifier.loadSignature(signature);
    valid = verifier.checkSignature(document);
    if (!valid) why = verifier.getReferences().map((r) => r.validationError?.message).filter(Boolean).join('; ');
  } catch (err) {
    why = (err as Error).message;
  }
  if (!valid) throw new SignatureError('invalid', `the XML signature does not verify${why ? `: ${why.replace(/ [A-Za-z0-9+/=]{40,}/g, ' …')}` : ''}`);

  // 4. only what was signed is used from here on
  const refs = verifier.getReferences();
  const signed = verifier.getSignedReferences();
  if (refs.length !== 2 || signed.length !== 2 || refs[0]?.uri !== `#${SIGNED_OBJECT_ID}`) {
    throw new SignatureError('structure', 'the verified signature does not cover exactly the payload and the ReplayProtect object');
  }
  for (const ref of refs) {
    if (ref.digestAlgorithm !== SHA256 || ref.transforms.length !== 1 || ref.transforms[0] !== C14N_10) {
      throw new SignatureError('algorithm', `reference ${ref.uri} uses algorithms other than C14N 1.0 and SHA-256`);
    }
  }
  const payloadXml = `<oadr:oadrPayload xmlns:oadr="${OADR_NS.oadr}">${signed[0]}</oadr:oadrPayload>`;
  const { timestamp, nonce } = readReplayProtect(readXml(signed[1]!, limits));
  return { payloadXml, signerFingerprint, timestamp, nonce };
}

function readReplayProtect(object: XmlElement): { timestamp: Date; nonce: string } {
  let found: XmlElement | undefined;
  const visit = (e: XmlElement) => {
    if (e.name === 'dsp:ReplayProtect') found = e;
    e.children.forEach(visit);
  };
  visit(object);
  const text = (name: string) => found?.children.find((c) => c.name === name)?.text ?? '';
  const stamp = text('dsp:timestamp');
  const nonce = text('dsp:nonce');
  if (!found || !stamp || !nonce) throw new SignatureError('structure', 'the signed dsp:ReplayProtect needs a dsp:timestamp and a dsp:nonce');
  try {
    return { timestamp: parseDateTime(stamp), nonce };
  } catch {
    throw new SignatureError('timestamp', `the ReplayProtect timestamp "${stamp}" is not an ISO 8601 date-time`);
  }
}
