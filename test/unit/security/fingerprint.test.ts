// Fingerprints agree with openssl's own SHA-256 fingerprint; header values are read as a fingerprint or a URL-encoded PEM.
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fingerprintFromHeader, normaliseAddress } from '../../../src/security/client-identity.js';
import { certificateFingerprint, isFingerprint, normaliseFingerprint } from '../../../src/security/fingerprint.js';
import { testCertificates } from '../../integration/security/helpers/cert-fixture.js';

const certs = testCertificates();

describe('certificateFingerprint', () => {
  it.each(['vtn-rsa', 'vtn-ecc', 'ven1-rsa', 'ven2-ecc'])('matches the last 10 bytes of openssl\'s SHA-256 fingerprint for %s', (name) => {
    const out = execFileSync('openssl', ['x509', '-in', join(certs.dir, `${name}.crt`), '-noout', '-fingerprint', '-sha256'], { encoding: 'utf8' });
    const full = out.trim().split('=')[1]!;
    const expected = full.split(':').slice(-10).join(':');
    const pem = [certs.vtn.rsa, certs.vtn.ecc, ...certs.vens].find((c) => c.name === name)!.cert;
    expect(certificateFingerprint(pem)).toBe(expected);
    expect(isFingerprint(expected)).toBe(true);
  });

  it('gives the same answer for DER bytes', () => {
    const der = Buffer.from(certs.vens[0]!.cert.replace(/-----[^-]+-----/g, '').replace(/\s+/g, ''), 'base64');
    expect(certificateFingerprint(der)).toBe(certs.vens[0]!.fingerprint);
  });

  it('refuses text that is not a certificate with E_CONFIG', () => {
    expect(() => certificateFingerprint('-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----')).toThrow(expect.objectContaining({ code: 'E_CONFIG' }));
  });
});

describe('fingerprint spellings and proxy header values', () => {
  it('normalises case and separators, refuses wrong lengths', () => {
    expect(normaliseFingerprint('aa:bb:cc:dd:ee:ff:00:11:22:33')).toBe('AA:BB:CC:DD:EE:FF:00:11:22:33');
    expect(normaliseFingerprint('AABBCCDDEEFF00112233')).toBe('AA:BB:CC:DD:EE:FF:00:11:22:33');
    expect(normaliseFingerprint('AA:BB:CC')).toBeUndefined();
    expect(normaliseFingerprint('ZZ:BB:CC:DD:EE:FF:00:11:22:33')).toBeUndefined();
    expect(isFingerprint('aa:bb:cc:dd:ee:ff:00:11:22:33')).toBe(false);
  });

  it('reads a fingerprint, a URL-encoded PEM, and nothing else', () => {
    const v = certs.vens[1]!;
    expect(fingerprintFromHeader(v.fingerprint)).toBe(v.fingerprint);
    expect(fingerprintFromHeader(encodeURIComponent(v.cert))).toBe(v.fingerprint);
    expect(fingerprintFromHeader('%E0%A4%A')).toBeUndefined();
    expect(fingerprintFromHeader(encodeURIComponent('-----BEGIN CERTIFICATE-----\nbroken\n-----END CERTIFICATE-----'))).toBeUndefined();
    expect(fingerprintFromHeader('hello')).toBeUndefined();
  });

  it('treats IPv4-mapped IPv6 peers as their IPv4 address', () => {
    expect(normaliseAddress('::ffff:127.0.0.1')).toBe('127.0.0.1');
    expect(normaliseAddress('::1')).toBe('::1');
    expect(normaliseAddress(undefined)).toBe('');
  });
});
