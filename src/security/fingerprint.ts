// The OpenADR VEN identity: SHA-256 of the DER certificate, last 10 bytes, "AA:BB:..." (the form OpenLEADR users exchange).
import { X509Certificate } from 'node:crypto';
import { VtnError } from '../errors.js';

const FINGERPRINT = /^[0-9A-F]{2}(:[0-9A-F]{2}){9}$/;

/** Fingerprint of a certificate given as PEM text, DER bytes or a parsed certificate. */
export function certificateFingerprint(cert: string | Buffer | X509Certificate): string {
  let parsed: X509Certificate;
  try {
    parsed = cert instanceof X509Certificate ? cert : new X509Certificate(cert);
  } catch (err) {
    throw new VtnError('E_CONFIG', `Not an X.509 certificate: ${(err as Error).message}.`, 'Pass a PEM file (-----BEGIN CERTIFICATE-----) or DER bytes.');
  }
  // fingerprint256 is the full SHA-256 of the DER as "AA:BB:..."; the last 10 pairs are the OpenADR identity.
  return parsed.fingerprint256.split(':').slice(-10).join(':');
}

/** True for the canonical form (10 uppercase hex pairs joined by colons). */
export function isFingerprint(value: string): boolean {
  return FINGERPRINT.test(value);
}

/** Accepts lowercase or dash/colon-free spellings of a fingerprint; undefined when it is not one. */
export function normaliseFingerprint(value: string): string | undefined {
  const hex = value.trim().replace(/[:\-\s]/g, '').toUpperCase();
  if (!/^[0-9A-F]{20}$/.test(hex)) return undefined;
  return hex.match(/../g)!.join(':');
}
