// The VTN signer's output verifies, is XSD-valid, and what verification returns is only the signed bytes.
import { describe, expect, it } from 'vitest';
import { decodeOadrPayload, encodeOadrPayload, readXml } from '../../../src/oadr/index.js';
import { checkSignatureShape } from '../../../src/security/xmldsig/signature-shape.js';
import { createPayloadSigner } from '../../../src/security/xmldsig/sign-payload.js';
import { verifySignedPayload } from '../../../src/security/xmldsig/verify-payload.js';
import { expectValidOadr } from '../../helpers/xsd.js';
import { testCertificates } from '../../integration/security/helpers/cert-fixture.js';
import { verifyAsVen } from '../../integration/security/helpers/ven-signer.js';
import { failureOf } from './failure-of.js';

const certs = testCertificates();
const rsa = certs.vtn.rsa;
const when = new Date('2026-06-01T12:00:00Z');
const sign = createPayloadSigner({ cert: rsa.cert, key: rsa.key, now: () => when, newNonce: () => 'nonce-1' });
const poll = encodeOadrPayload({ type: 'oadrPoll', venId: 'ven-a&b' });


describe('signing and verifying', () => {
  it('signs XSD-valid documents that an independent xml-crypto check accepts', async () => {
    const signed = sign(poll);
    await expectValidOadr(signed);
    expect(verifyAsVen(signed, rsa.cert)).toHaveLength(2);
    expect(decodeOadrPayload(signed).signed).toBe(true);
  });

  it('returns the signed payload, the signer and the ReplayProtect values', () => {
    const v = verifySignedPayload(sign(poll), { expectedFingerprint: rsa.fingerprint });
    expect(v.signerFingerprint).toBe(rsa.fingerprint);
    expect(v.timestamp.toISOString()).toBe(when.toISOString());
    expect(v.nonce).toBe('nonce-1');
    expect(decodeOadrPayload(v.payloadXml).message).toEqual({ type: 'oadrPoll', venId: 'ven-a&b' });
  });

  it('refuses a signer other than the expected certificate', () => {
    expect(failureOf(() => verifySignedPayload(sign(poll), { expectedFingerprint: certs.vens[0]!.fingerprint }))).toBe('certificate');
  });

  it('refuses shapes xml-crypto alone would accept', () => {
    const signed = sign(poll);
    const shape = (xml: string) => failureOf(() => checkSignatureShape(readXml(xml)));
    expect(shape(signed)).toBeUndefined();
    // A second element claiming the payload's Id.
    expect(shape(signed.replace('<ds:Object Id="prop">', '<ds:Object Id="oadrSignedObject">'))).toBe('structure');
    // References in the other order.
    const swapped = signed.replace(/(<ds:Reference URI="#oadrSignedObject">[\s\S]*?<\/ds:Reference>)(<ds:Reference URI="#prop">[\s\S]*?<\/ds:Reference>)/, '$2$1');
    expect(shape(swapped)).toBe('structure');
    // No certificate.
    expect(shape(signed.replace(/<ds:KeyInfo>[\s\S]*<\/ds:KeyInfo>/, ''))).toBe('certificate');
  });

  it('reads an unsigned document as unsigned', () => {
    expect(failureOf(() => checkSignatureShape(readXml(poll)))).toBe('structure');
  });
});
