// The KeyInfo certificate, parsed once per distinct certificate: X509 parsing was a tenth of every verification.
import { X509Certificate, type KeyObject } from 'node:crypto';
import { certificateFingerprint } from '../fingerprint.js';
import { describeKey, signatureMethodFor } from './signature-methods.js';
import { SignatureError } from './signature-error.js';

export interface SignerCertificate {
  fingerprint: string;
  publicKey: KeyObject;
  /** The signature method the key signs with; undefined for keys OpenADR does not allow. */
  method: string | undefined;
  /** e.g. "ec prime256v1", for refusals. */
  keyDescription: string;
}

// Bounded: certificates arrive before the fingerprint check, so anyone can send new ones.
const MAX_ENTRIES = 1024;
const cache = new Map<string, SignerCertificate>();

/** Parses (or recalls) the base64 DER of a ds:X509Certificate; the key is the exact text, so a hit is the same certificate. */
export function signerCertificate(base64Der: string): SignerCertificate {
  const hit = cache.get(base64Der);
  if (hit) return hit;
  let cert: X509Certificate;
  try {
    cert = new X509Certificate(Buffer.from(base64Der, 'base64'));
  } catch {
    throw new SignatureError('certificate', 'the KeyInfo certificate is not a readable X.509 certificate');
  }
  const publicKey = cert.publicKey;
  const entry: SignerCertificate = { fingerprint: certificateFingerprint(cert), publicKey, method: signatureMethodFor(publicKey), keyDescription: describeKey(publicKey) };
  if (cache.size >= MAX_ENTRIES) cache.delete(cache.keys().next().value!);
  cache.set(base64Der, entry);
  return entry;
}

/** How many certificates are remembered (for tests). */
export function signerCertificateCacheSize(): number {
  return cache.size;
}
