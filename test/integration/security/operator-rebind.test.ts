// Requirements §10: re-registration never moves a venID to another certificate; only the operator re-binds it,
// through the admin API, and every attempt is in the audit trail.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AdminServer } from '../../../src/admin/index.js';
import { responseCode } from '../../helpers/test-ven.js';
import { startTestVtn, type RunningTestVtn } from '../../helpers/start-vtn.js';
import { testCertificates, tlsOptions, ven } from './helpers/cert-fixture.js';
import { TlsVen } from './helpers/tls-ven.js';
import { expectStillPolls, stateOf, victimWithState } from './helpers/victim.js';

const TOKEN = 'rebind-test-token-0123456789';
const certs = testCertificates();
const oldCert = ven(certs, 'ven1-rsa');
const newCert = ven(certs, 'ven2-ecc');
let running: RunningTestVtn;
let admin: AdminServer;
let device: TlsVen;
let replacement: TlsVen;

const put = async (venId: string, payload: unknown) => {
  const res = await admin.app.inject({ method: 'PUT', url: `/admin/v1/vens/${encodeURIComponent(venId)}/fingerprint`, headers: { authorization: `Bearer ${TOKEN}` }, payload: payload as object });
  return { status: res.statusCode, json: () => res.json() };
};
const lastAudit = () => admin.audit.recent[admin.audit.recent.length - 1];

beforeAll(async () => {
  running = await startTestVtn({ tls: tlsOptions(certs) });
  admin = new AdminServer({ vtn: running.vtn, config: { token: TOKEN }, processMetrics: false, env: {} });
  device = new TlsVen({ baseUrl: running.baseUrl, venName: 'device', tls: { ca: certs.ca.cert, cert: oldCert.cert, key: oldCert.key } });
  replacement = new TlsVen({ baseUrl: running.baseUrl, venName: 'device', tls: { ca: certs.ca.cert, cert: newCert.cert, key: newCert.key } });
  await victimWithState(running, device);
});
afterAll(async () => {
  await Promise.all([device.close(), replacement.close()]);
  await admin.close();
  await running.close();
});

describe('re-binding a venID to a new certificate', () => {
  it('a replaced device with a new certificate cannot re-bind itself by re-registering', async () => {
    const before = await stateOf(running, device.venId!);
    replacement.venId = device.venId;
    const rereg = await replacement.register({ registrationId: device.registrationId!, venId: device.venId! });
    expect(responseCode(rereg)).toBe('463');
    expect(responseCode(await replacement.poll())).toBe('463');
    expect(await stateOf(running, device.venId!)).toEqual(before);
  });

  it('the operator re-binds it with PUT /admin/v1/vens/:venId/fingerprint; the old certificate is then refused, the state kept', async () => {
    const before = await stateOf(running, device.venId!);
    const res = await put(device.venId!, { fingerprint: newCert.fingerprint.toLowerCase() });
    expect(res.status).toBe(200);
    expect(res.json()).toEqual({ venId: device.venId, fingerprint: newCert.fingerprint, previous: oldCert.fingerprint });
    expect(lastAudit()).toMatchObject({ method: 'PUT', path: `/admin/v1/vens/${device.venId}/fingerprint`, result: { status: 200 } });
    expect(lastAudit()!.body).toContain(newCert.fingerprint.toLowerCase());
    expect(await stateOf(running, device.venId!)).toEqual({ ...before, ven: { ...before.ven, fingerprint: newCert.fingerprint } });
    expect(responseCode(await device.poll())).toBe('463');
    replacement.registrationId = device.registrationId;
    await expectStillPolls(replacement);
    expect(responseCode(await replacement.register({ registrationId: device.registrationId!, venId: device.venId! }))).toBe('200');
    expect((await running.vtn.getVen(device.venId!))?.fingerprint).toBe(newCert.fingerprint);
  });

  it('an unknown venID is 404, a malformed fingerprint 400, and both are audited', async () => {
    const unknown = await put('no-such-ven', { fingerprint: newCert.fingerprint });
    expect(unknown.status).toBe(404);
    expect(unknown.json().code).toBe('E_VEN_UNKNOWN');
    expect(lastAudit()).toMatchObject({ path: '/admin/v1/vens/no-such-ven/fingerprint', result: { status: 404, code: 'E_VEN_UNKNOWN' } });
    for (const payload of [{ fingerprint: 'AA:BB' }, { fingerprint: newCert.fingerprint, extra: 1 }, {}]) {
      const bad = await put(device.venId!, payload);
      expect(bad.status).toBe(400);
      expect(bad.json().code).toBe('E_BAD_REQUEST');
      expect(lastAudit()!.result).toEqual({ status: 400, code: 'E_BAD_REQUEST' });
    }
    expect((await running.vtn.getVen(device.venId!))?.fingerprint).toBe(newCert.fingerprint);
  });

  it('the programmatic vtn.rebindVen refuses what is not a fingerprint (E_FINGERPRINT)', async () => {
    await expect(running.vtn.rebindVen(device.venId!, 'x'.repeat(5000))).rejects.toThrow(/E_FINGERPRINT|not a certificate fingerprint/);
    expect((await running.vtn.getVen(device.venId!))?.fingerprint).toBe(newCert.fingerprint);
  });
});
