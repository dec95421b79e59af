// Half-set TLS or signing is E_CONFIG at start; the VTN never falls back to plain HTTP.
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createVtn } from '../../../src/create-vtn.js';
import { buildHttpsOptions, DEFAULT_CIPHERS, OADR_CIPHERS } from '../../../src/security/https-options.js';
import { createMessageSecurity } from '../../../src/security/message-security.js';
import { silentLogger } from '../../../src/vtn/context.js';
import { testCertificates } from '../../integration/security/helpers/cert-fixture.js';

const certs = testCertificates();
const rsa = certs.vtn.rsa;
const ecc = certs.vtn.ecc;
const configError = expect.objectContaining({ code: 'E_CONFIG' });

describe('buildHttpsOptions', () => {
  it('requires and verifies client certificates, TLS 1.2+, and offers both 2.0b suites beside modern ones', () => {
    const o = buildHttpsOptions({ cert: [rsa.cert, ecc.cert], key: [rsa.key, ecc.key], ca: certs.ca.cert });
    expect(o).toMatchObject({ requestCert: true, rejectUnauthorized: true, minVersion: 'TLSv1.2' });
    for (const suite of OADR_CIPHERS) expect(String(o.ciphers).split(':')).toContain(suite);
    expect(DEFAULT_CIPHERS).toMatch(/GCM/);
  });

  it('reads file paths as well as PEM text', () => {
    const o = buildHttpsOptions({ cert: join(certs.dir, 'vtn-rsa.crt'), key: join(certs.dir, 'vtn-rsa.key'), ca: join(certs.dir, 'ca.crt') });
    expect(o.cert).toHaveLength(1);
  });

  it.each([
    ['key missing', { cert: rsa.cert, ca: certs.ca.cert }, /tls.key missing/],
    ['CA missing', { cert: rsa.cert, key: rsa.key }, /tls.ca missing/],
    ['cert missing', { key: rsa.key, ca: certs.ca.cert }, /tls.cert missing/],
    ['more certs than keys', { cert: [rsa.cert, ecc.cert], key: [rsa.key], ca: certs.ca.cert }, /2 certificate\(s\) but tls.key has 1/],
    ['unreadable file', { cert: '/nonexistent/vtn.crt', key: rsa.key, ca: certs.ca.cert }, /Cannot read tls.cert/],
    ['key of another certificate', { cert: rsa.cert, key: certs.vens[0]!.key, ca: certs.ca.cert }, /cannot be used/],
    ['TLS 1.1', { cert: rsa.cert, key: rsa.key, ca: certs.ca.cert, minVersion: 'TLSv1.1' }, /not allowed/],
    ['passphrase variable unset', { cert: rsa.cert, key: rsa.key, ca: certs.ca.cert, passphraseEnv: 'VTN_TEST_UNSET_PASSPHRASE' }, /not set/],
  ])('refuses %s with E_CONFIG', (_name, tls, message) => {
    expect(() => buildHttpsOptions(tls as never, {})).toThrow(configError);
    expect(() => buildHttpsOptions(tls as never, {})).toThrow(message);
  });

  it('decrypts an encrypted key with its passphrase (inline or from the environment) and refuses a wrong one', () => {
    const encrypted = execFileSync('openssl', ['pkey', '-in', join(certs.dir, 'vtn-rsa.key'), '-aes256', '-passout', 'pass:s3cret'], { encoding: 'utf8' });
    expect(() => buildHttpsOptions({ cert: rsa.cert, key: encrypted, ca: certs.ca.cert, passphrase: 's3cret' })).not.toThrow();
    expect(() => buildHttpsOptions({ cert: rsa.cert, key: encrypted, ca: certs.ca.cert, passphraseEnv: 'P' }, { P: 's3cret' })).not.toThrow();
    expect(() => buildHttpsOptions({ cert: rsa.cert, key: encrypted, ca: certs.ca.cert, passphrase: 'wrong' })).toThrow(configError);
  });
});

describe('createVtn with half-set security', () => {
  it('rejects at start instead of serving plain HTTP', async () => {
    await expect(createVtn({ inMemory: true, logger: false, tls: { cert: rsa.cert, ca: certs.ca.cert } as never })).rejects.toThrow(configError);
  });

  it('refuses signing without a key, with a key of another certificate, or with a bad replay window; accepts ECC P-256', () => {
    const deps = { now: () => new Date(), log: silentLogger };
    expect(() => createMessageSecurity({ bodyLimit: 1e6, signing: { cert: rsa.cert } as never }, deps)).toThrow(/signing.key missing/);
    expect(createMessageSecurity({ bodyLimit: 1e6, signing: { cert: ecc.cert, key: ecc.key } }, deps).sign).toBeTypeOf('function');
    expect(() => createMessageSecurity({ bodyLimit: 1e6, signing: { cert: ecc.cert, key: rsa.key } }, deps)).toThrow(configError);
    expect(() => createMessageSecurity({ bodyLimit: 1e6, signing: { cert: rsa.cert, key: rsa.key, replayWindow: 'soon' } }, deps)).toThrow(configError);
    expect(() => createMessageSecurity({ bodyLimit: 1e6, signing: { cert: rsa.cert, key: rsa.key, replayCacheSize: 0 } }, deps)).toThrow(configError);
  });

  it('refuses a trusted proxy without addresses or with a bad header name', () => {
    const deps = { now: () => new Date(), log: silentLogger };
    expect(() => createMessageSecurity({ bodyLimit: 1e6, trustedProxy: { header: 'x-cert', addresses: [] } }, deps)).toThrow(configError);
    expect(() => createMessageSecurity({ bodyLimit: 1e6, trustedProxy: { header: 'x cert', addresses: ['10.0.0.1'] } }, deps)).toThrow(configError);
  });
});

describe('config files', () => {
  it('the shipped TLS + signing variant validates against the config schema', async () => {
    const { loadConfig, PACKAGE_ROOT } = await import('../../../src/config/load-config.js');
    const config = loadConfig(join(PACKAGE_ROOT, 'config', 'vtn.tls.json'));
    expect(config.tls?.ca).toBe('certs/ca.crt');
    expect(config.signing?.key).toBe('certs/vtn-rsa.key');
  });

  it('a tls block without a key fails schema validation with E_CONFIG', async () => {
    const { mkdtempSync, writeFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { loadConfig } = await import('../../../src/config/load-config.js');
    const file = join(mkdtempSync(join(tmpdir(), 'vtn-cfg-')), 'half.json');
    writeFileSync(file, JSON.stringify({ tls: { cert: 'a.crt', ca: 'ca.crt' } }));
    expect(() => loadConfig(file)).toThrow(/\/tls must have required property 'key'/);
  });
});

describe('CLI helpers', () => {
  it('vtn fingerprint reads a PEM file; a missing file is E_CONFIG', async () => {
    const { fingerprintOfFile } = await import('../../../src/commands/fingerprint.js');
    expect(fingerprintOfFile(join(certs.dir, 'ven1-ecc.crt'))).toBe(certs.vens.find((v) => v.name === 'ven1-ecc')!.fingerprint);
    expect(() => fingerprintOfFile(join(certs.dir, 'missing.crt'))).toThrow(configError);
  });

  it('vtn certs makes a CA, RSA and ECC VTN certificates and per-VEN certificates that chain to the CA', async () => {
    const { X509Certificate } = await import('node:crypto');
    const ca = new X509Certificate(certs.ca.cert);
    for (const c of [certs.vtn.rsa, certs.vtn.ecc, ...certs.vens]) expect(new X509Certificate(c.cert).verify(ca.publicKey)).toBe(true);
    expect(new X509Certificate(certs.vtn.ecc.cert).publicKey.asymmetricKeyType).toBe('ec');
    expect(new X509Certificate(certs.vtn.rsa.cert).checkIP('127.0.0.1')).toBe('127.0.0.1');
    expect(certs.vens.map((v) => v.name)).toEqual(['ven1-rsa', 'ven1-ecc', 'ven2-rsa', 'ven2-ecc']);
  });
});
