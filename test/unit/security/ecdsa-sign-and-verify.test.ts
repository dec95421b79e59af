// ECDSA P-256 signatures: the VTN signs r||s values an independent VEN verifier accepts, and verification holds the method to the key.
import { execFileSync } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeOadrPayload, encodeOadrPayload } from '../../../src/oadr/index.js';
import { createPayloadSigner, loadSigningKey } from '../../../src/security/xmldsig/sign-payload.js';
import { signerCertificateCacheSize } from '../../../src/security/xmldsig/signer-certificate.js';
import { verifySignedPayload } from '../../../src/security/xmldsig/verify-payload.js';
import { expectValidOadr } from '../../helpers/xsd.js';
import { testCertificates } from '../../integration/security/helpers/cert-fixture.js';
import { signAsVen, verifyAsVen } from '../../integration/security/helpers/ven-signer.js';
import { failureOf } from './failure-of.js';

const certs = testCertificates();
const ecc = certs.vtn.ecc;
const rsa = certs.vtn.rsa;
const venEcc = certs.vens.find((v) => v.name === 'ven1-ecc')!;
const when = new Date('2026-06-01T12:00:00Z');
const poll = encodeOadrPayload({ type: 'oadrPoll', venId: 'ven-ecc' });
const signEcc = createPayloadSigner({ cert: ecc.cert, key: ecc.key, now: () => when, newNonce: () => 'nonce-e' });
const ECDSA = 'http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha256';
const RSA = 'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256';


/** A self-signed certificate on another curve, which OpenADR's ECDSA-SHA256 does not allow. */
function p384Pair(): { cert: string; key: string } {
  const dir = mkdtempSync(join(tmpdir(), 'vtn-p384-'));
  execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:secp384r1', '-nodes', '-keyout', join(dir, 'k.pem'), '-out', join(dir, 'c.pem'), '-days', '2', '-subj', '/CN=p384'], { stdio: 'ignore' });
  return { cert: readFileSync(join(dir, 'c.pem'), 'utf8'), key: readFileSync(join(dir, 'k.pem'), 'utf8') };
}

describe('ECDSA-SHA256 signing', () => {
  it('signs XSD-valid replies with a 64-byte r||s value that an independent verifier accepts', async () => {
    const signed = signEcc(poll);
    await expectValidOadr(signed);
    expect(signed).toContain(`<ds:SignatureMethod Algorithm="${ECDSA}"/>`);
    const value = /<ds:SignatureValue>([^<]+)<\/ds:SignatureValue>/.exec(signed)![1]!;
    expect(Buffer.from(value, 'base64')).toHaveLength(64);
    expect(verifyAsVen(signed, ecc.cert)).toHaveLength(2);
    expect(() => verifyAsVen(signed, venEcc.cert)).toThrow();
  });

  it('verifies its own ECDSA signatures and returns only the signed bytes', () => {
    const v = verifySignedPayload(signEcc(poll), { expectedFingerprint: ecc.fingerprint });
    expect(v).toMatchObject({ signerFingerprint: ecc.fingerprint, nonce: 'nonce-e' });
    expect(v.timestamp.toISOString()).toBe(when.toISOString());
    expect(decodeOadrPayload(v.payloadXml).message).toEqual({ type: 'oadrPoll', venId: 'ven-ecc' });
  });

  it('refuses signing keys other than RSA and P-256, and a certificate of another key', () => {
    const p384 = generateKeyPairSync('ec', { namedCurve: 'secp384r1' }).privateKey.export({ type: 'pkcs8', format: 'pem' });
    const ed = generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' });
    expect(() => loadSigningKey(p384)).toThrow(/ec secp384r1.*RSA-SHA256 or ECDSA-SHA256 on P-256/);
    expect(() => loadSigningKey(ed)).toThrow(/ed25519/);
    expect(() => createPayloadSigner({ cert: rsa.cert, key: ecc.key })).toThrow(/not the certificate of the signing key/);
    expect(() => createPayloadSigner({ cert: 'not a certificate', key: ecc.key })).toThrow(/signing certificate cannot be read/);
  });
});

describe('verifying ECDSA-signed VEN messages', () => {
  const venPoll = (o: Partial<Parameters<typeof signAsVen>[1]> = {}) => signAsVen(poll, { cert: venEcc.cert, key: venEcc.key, timestamp: when, ...o });

  it('accepts a VEN signing with ECDSA-SHA256 on P-256', () => {
    expect(verifySignedPayload(venPoll(), { expectedFingerprint: venEcc.fingerprint }).signerFingerprint).toBe(venEcc.fingerprint);
  });

  it('holds the signature method to the certificate key', () => {
    // An ECDSA certificate under an RSA-SHA256 method, and an RSA-signed document relabelled as ECDSA.
    expect(failureOf(() => verifySignedPayload(venPoll().replace(ECDSA, RSA)))).toBe('algorithm');
    const rsaSigned = signAsVen(poll, { cert: rsa.cert, key: rsa.key, timestamp: when });
    expect(failureOf(() => verifySignedPayload(rsaSigned.replace(RSA, ECDSA)))).toBe('algorithm');
  });

  it('refuses DER-encoded values, changed values and changed payloads as invalid', () => {
    expect(failureOf(() => verifySignedPayload(venPoll({ ecdsaEncoding: 'der' })))).toBe('invalid');
    const flipped = venPoll().replace(/<ds:SignatureValue>(.)/, (_m, c: string) => `<ds:SignatureValue>${c === 'A' ? 'B' : 'A'}`);
    expect(failureOf(() => verifySignedPayload(flipped))).toBe('invalid');
    expect(failureOf(() => verifySignedPayload(venPoll().replace('<ei:venID>ven-ecc<', '<ei:venID>ven-ecd<')))).toBe('invalid');
  });

  it('refuses a P-384 signer even when the signature itself is sound', () => {
    const p384 = p384Pair();
    expect(failureOf(() => verifySignedPayload(signAsVen(poll, { ...p384, timestamp: when })))).toBe('algorithm');
  });

  it('parses each signer certificate once and still pins every message to the expected fingerprint', () => {
    verifySignedPayload(venPoll({ nonce: 'n1' }), { expectedFingerprint: venEcc.fingerprint });
    const size = signerCertificateCacheSize();
    verifySignedPayload(venPoll({ nonce: 'n2' }), { expectedFingerprint: venEcc.fingerprint });
    expect(signerCertificateCacheSize()).toBe(size);
    expect(failureOf(() => verifySignedPayload(venPoll({ nonce: 'n3' }), { expectedFingerprint: ecc.fingerprint }))).toBe('certificate');
  });
});
