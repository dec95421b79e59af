// Behind a TLS-terminating proxy: the fingerprint (or URL-encoded PEM) header counts only from configured proxy addresses.
import { afterEach, describe, expect, it } from 'vitest';
import { responseCode, TestVen } from '../../helpers/test-ven.js';
import * as X from '../../helpers/ven-xml/index.js';
import { startTestVtn, type RunningTestVtn } from '../../helpers/start-vtn.js';
import { testCertificates, ven } from './helpers/cert-fixture.js';

const HEADER = 'x-ssl-client-cert';
const certs = testCertificates();
const v1 = ven(certs, 'ven1-rsa');
const v2 = ven(certs, 'ven2-ecc');
let running: RunningTestVtn | undefined;
afterEach(async () => running?.close());

async function start(addresses: string[]) {
  const warnings: { obj: object | string; msg?: string }[] = [];
  const log = { info() {}, debug() {}, error() {}, warn: (obj: object | string, msg?: string) => { warnings.push({ obj, msg }); } };
  running = await startTestVtn({ trustedProxy: { header: HEADER, addresses }, logger: log });
  return { running, warnings };
}

describe('trusted proxy header', () => {
  it('binds the fingerprint a trusted proxy passes, and refuses another VEN\'s fingerprint for that venID', async () => {
    const { running: r } = await start(['127.0.0.1']);
    const a = new TestVen({ baseUrl: r.baseUrl, venName: 'proxied' });
    const reg = await a.post('EiRegisterParty', X.oadrCreatePartyRegistration({ requestId: 'r1', venName: 'proxied' }), { [HEADER]: v1.fingerprint.toLowerCase() });
    expect(responseCode(reg)).toBe('200');
    const venId = reg.payload.venID as string;
    expect((await r.vtn.getVen(venId))?.fingerprint).toBe(v1.fingerprint);
    a.venId = venId;
    const own = await a.post('OadrPoll', X.oadrPoll({ venId }), { [HEADER]: encodeURIComponent(v1.cert) });
    expect(own.status).toBe(200);
    expect(responseCode(own) ?? '200').not.toBe('463');
    const spoof = await a.post('OadrPoll', X.oadrPoll({ venId }), { [HEADER]: v2.fingerprint });
    expect(responseCode(spoof)).toBe('463');
  });

  it('ignores and logs the header from an untrusted address, then refuses the identity-less request with 403', async () => {
    const { running: r, warnings } = await start(['10.0.0.1']);
    const a = new TestVen({ baseUrl: r.baseUrl, venName: 'direct' });
    const reply = await a.post('EiRegisterParty', X.oadrCreatePartyRegistration({ requestId: 'r2', venName: 'direct' }), { [HEADER]: v1.fingerprint });
    expect(reply.status).toBe(403);
    expect(reply.body).toContain('client certificate is required');
    expect(await r.vtn.listVens()).toEqual([]);
    expect(warnings.map((w) => w.msg)).toContain('client-certificate header from an untrusted address ignored');
  });

  it('refuses an unreadable header value from a trusted proxy', async () => {
    const { running: r } = await start(['127.0.0.1']);
    const a = new TestVen({ baseUrl: r.baseUrl, venName: 'garbled' });
    const reply = await a.post('EiRegisterParty', X.oadrCreatePartyRegistration({ requestId: 'r3', venName: 'garbled' }), { [HEADER]: 'not-a-cert' });
    expect(reply.status).toBe(403);
    expect(await r.vtn.listVens()).toEqual([]);
  });
});
