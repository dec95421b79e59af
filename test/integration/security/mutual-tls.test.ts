// Mutual TLS on loopback: who may connect, which suites negotiate, and that a certificate owns its venID.
import { connect, type TLSSocket } from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { responseCode } from '../../helpers/test-ven.js';
import { startTestVtn, type RunningTestVtn } from '../../helpers/start-vtn.js';
import { rogueCertificates, testCertificates, tlsOptions, ven } from './helpers/cert-fixture.js';
import { TlsVen } from './helpers/tls-ven.js';

const certs = testCertificates();
let running: RunningTestVtn;
const vens: TlsVen[] = [];

function venWith(name: string, certName: string | null, extra: { ciphers?: string; maxVersion?: 'TLSv1.2' } = {}): TlsVen {
  const c = certName ? ven(certs, certName) : undefined;
  const v = new TlsVen({ baseUrl: running.baseUrl, venName: name, tls: { ca: certs.ca.cert, ...(c ? { cert: c.cert, key: c.key } : {}), ...extra } });
  vens.push(v);
  return v;
}

function handshake(opts: { cert?: string; key?: string; ca: string; ciphers?: string; maxVersion?: 'TLSv1.2' | 'TLSv1.1' }): Promise<{ cipher: string; version: string }> {
  const port = Number(new URL(running.baseUrl).port);
  return new Promise((resolve, reject) => {
    const socket: TLSSocket = connect({ host: '127.0.0.1', port, servername: 'localhost', ...opts }, () => {
      const result = { cipher: socket.getCipher().name, version: socket.getProtocol() ?? '' };
      socket.end();
      resolve(result);
    });
    socket.on('error', reject);
  });
}

beforeAll(async () => {
  running = await startTestVtn({ tls: tlsOptions(certs) });
});
afterAll(async () => {
  await Promise.all(vens.map((v) => v.close()));
  await running.close();
});

describe('mutual TLS', () => {
  it('serves https and binds the client certificate fingerprint at registration', async () => {
    expect(running.baseUrl.startsWith('https://127.0.0.1:')).toBe(true);
    const v = venWith('ven-one', 'ven1-rsa');
    const reg = await v.register();
    expect(responseCode(reg)).toBe('200');
    expect((await running.vtn.getVen(v.venId!))?.fingerprint).toBe(ven(certs, 'ven1-rsa').fingerprint);
    const poll = await v.poll();
    expect(poll.status).toBe(200);
    expect(poll.type).toBeDefined();
  });

  it('refuses a handshake without a client certificate', async () => {
    const v = venWith('anonymous', null);
    await expect(v.queryRegistration()).rejects.toThrow();
    // Under TLS 1.2 the server refuses inside the handshake itself.
    await expect(handshake({ ca: certs.ca.cert, maxVersion: 'TLSv1.2' })).rejects.toThrow();
  });

  it('refuses a client certificate from another CA', async () => {
    const rogue = ven(rogueCertificates(), 'ven1-rsa');
    const v = new TlsVen({ baseUrl: running.baseUrl, venName: 'rogue', tls: { ca: certs.ca.cert, cert: rogue.cert, key: rogue.key } });
    vens.push(v);
    await expect(v.register()).rejects.toThrow();
    expect((await running.vtn.listVens()).map((x) => x.venName)).not.toContain('rogue');
  });

  it('answers 463 when a certificate uses another VEN\'s venID, and changes nothing', async () => {
    const owner = venWith('owner', 'ven1-ecc');
    expect(responseCode(await owner.register())).toBe('200');
    const thief = venWith('thief', 'ven2-rsa');
    const before = await running.vtn.getVen(owner.venId!);
    const reply = await thief.poll(owner.venId);
    expect(reply.status).toBe(200);
    expect(responseCode(reply)).toBe('463');
    const optReply = await thief.createOpt({ optId: 'stolen-opt', optType: 'optOut', optReason: 'notParticipating', venId: owner.venId!, vavailability: [{ dtstart: '2026-06-02T10:00:00Z', duration: 'PT1H' }] });
    expect(responseCode(optReply)).toBe('463');
    expect(await running.vtn.listOpts(owner.venId)).toEqual([]);
    expect(await running.vtn.getVen(owner.venId!)).toEqual(before);
  });

  it.each([
    ['ECDHE-ECDSA-AES128-SHA256', 'ven1-ecc'],
    ['AES128-SHA256', 'ven1-rsa'],
  ])('negotiates the 2.0b suite %s over TLS 1.2', async (cipher, certName) => {
    const c = ven(certs, certName);
    const got = await handshake({ ca: certs.ca.cert, cert: c.cert, key: c.key, ciphers: cipher, maxVersion: 'TLSv1.2' });
    expect(got).toEqual({ cipher, version: 'TLSv1.2' });
    const v = venWith(`suite-${cipher}`, certName, { ciphers: cipher, maxVersion: 'TLSv1.2' });
    expect(responseCode(await v.queryRegistration())).toBe('200');
  });

  it('negotiates TLS 1.3 by default and refuses TLS 1.1', async () => {
    const c = ven(certs, 'ven2-ecc');
    expect((await handshake({ ca: certs.ca.cert, cert: c.cert, key: c.key })).version).toBe('TLSv1.3');
    await expect(handshake({ ca: certs.ca.cert, cert: c.cert, key: c.key, maxVersion: 'TLSv1.1' })).rejects.toThrow();
  });
});
