// The 2.0b flows OpenLEADR-style VENs rely on still pass the identity gate: query before registering, register
// without TLS when TLS is off, re-register with their own registrationID, cancel themselves; the same over TLS.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { responseCode, TestVen, venIdOf } from '../../helpers/test-ven.js';
import { startTestVtn, type RunningTestVtn } from '../../helpers/start-vtn.js';
import { testCertificates, tlsOptions, ven } from './helpers/cert-fixture.js';
import { TlsVen } from './helpers/tls-ven.js';

const certs = testCertificates();
let plain: RunningTestVtn;
let tls: RunningTestVtn;
beforeAll(async () => {
  [plain, tls] = await Promise.all([startTestVtn(), startTestVtn({ tls: tlsOptions(certs) })]);
});
afterAll(async () => {
  await Promise.all([plain.close(), tls.close()]);
});

async function lifeCycle(running: RunningTestVtn, v: TestVen): Promise<void> {
  const query = await v.queryRegistration();
  expect(responseCode(query)).toBe('200');
  expect(venIdOf(query) ?? '').toBe('');
  expect(responseCode(await v.register())).toBe('200');
  const { venId, registrationId } = v;
  expect((await v.poll()).type).toBe('oadrRegisterReport');
  expect(responseCode(await v.queryRegistration())).toBe('200');
  const again = await v.register({ registrationId: registrationId!, venId: venId! });
  expect(responseCode(again)).toBe('200');
  expect([v.venId, v.registrationId]).toEqual([venId, registrationId]);
  expect(responseCode(await v.register({ registrationId: registrationId! }))).toBe('200');
  expect(responseCode(await v.cancelRegistration())).toBe('200');
  expect(await running.vtn.getVen(venId!)).toBeUndefined();
}

describe('OpenLEADR-style flows through the gate', () => {
  it.each(['standard', 'custom-prefixes', 'default-ns'] as const)('plain HTTP (TLS off), %s namespaces: query, register, poll, re-register, cancel', async (style) => {
    await lifeCycle(plain, new TestVen({ baseUrl: plain.baseUrl, venName: `ol-${style}`, style }));
  });

  it('over mutual TLS: the same life cycle as itself', async () => {
    const c = ven(certs, 'ven2-ecc');
    const v = new TlsVen({ baseUrl: tls.baseUrl, venName: 'ol-tls', tls: { ca: certs.ca.cert, cert: c.cert, key: c.key } });
    try {
      await lifeCycle(tls, v);
    } finally {
      await v.close();
    }
  });
});
