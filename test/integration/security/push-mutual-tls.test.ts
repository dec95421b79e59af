// HTTP push over mutual TLS with XML signatures: the VTN presents its certificate to the VEN's server and signs
// what it pushes; the VEN's answers (its own requests and those in HTTP responses) pass the same signature checks.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { certificateFingerprint } from '../../../src/security/fingerprint.js';
import { startTestVtn, type RunningTestVtn } from '../../helpers/start-vtn.js';
import { responseCode } from '../../helpers/test-ven.js';
import { PushVen } from '../../helpers/push-ven.js';
import { expectValidOadr } from '../../helpers/xsd.js';
import { rogueCertificates, testCertificates, tlsOptions, ven } from './helpers/cert-fixture.js';
import { TlsVen } from './helpers/tls-ven.js';
import { signAsVen, verifyAsVen } from './helpers/ven-signer.js';

const certs = testCertificates();
const v1 = ven(certs, 'ven1-rsa');
let running: RunningTestVtn;
let push: PushVen;
let signBodies = true;

beforeAll(async () => {
  running = await startTestVtn({
    tls: tlsOptions(certs), signing: { cert: certs.vtn.rsa.cert, key: certs.vtn.rsa.key, replayWindow: 'PT30S' },
    push: { allowLoopback: true, attempts: 2, retryBackoff: 20 },
  });
  const now = () => running.clock.now();
  const client = new TlsVen({
    baseUrl: running.baseUrl, venName: 'push-tls', tls: { ca: certs.ca.cert, cert: v1.cert, key: v1.key },
    sign: { cert: v1.cert, key: v1.key, now }, vtnSigningCert: certs.vtn.rsa.cert,
  });
  push = await PushVen.start({
    client, tls: { cert: v1.cert, key: v1.key, ca: certs.ca.cert },
    signBody: (xml) => (signBodies ? signAsVen(xml, { cert: v1.cert, key: v1.key, timestamp: now() }) : xml),
  });
  expect(push.transportAddress).toMatch(/^https:/);
  expect(responseCode(await push.register({ xmlSignature: true }))).toBe('200');
}, 30_000);
afterAll(async () => {
  await push.close();
  await (push.client as TlsVen).close();
  await running.close();
});

describe('push over mutual TLS with signatures', () => {
  it('pushes a signed distribute with the VTN\'s client certificate; the signed oadrCreatedEvent is recorded', async () => {
    const venId = push.client.venId!;
    const handle = await running.vtn.addEvent({ venIds: [venId], signalName: 'SIMPLE', signalType: 'level', intervals: [{ dtstart: new Date(running.clock.now().getTime() + 3_600_000), duration: 'PT1H', payload: 1 }] });
    await vi.waitFor(() => expect(push.all('oadrDistributeEvent')).toHaveLength(1), { timeout: 3000 });
    const pushed = push.all('oadrDistributeEvent')[0]!;
    expect(certificateFingerprint(pushed.clientCertificate!)).toBe(certs.vtn.rsa.fingerprint);
    verifyAsVen(pushed.body, certs.vtn.rsa.cert);
    await expectValidOadr(pushed.body);
    expect(await handle.response(venId)).toBe('optIn');
  });

  it('a signed oadrCreatedReport in the HTTP response is accepted; an unsigned one is refused like an unsigned request', async () => {
    const venId = push.client.venId!;
    expect(responseCode(await push.client.registerReports())).toBe('200');
    const signed = await running.vtn.requestReport({ venId, reportName: 'TELEMETRY_USAGE', kind: 'periodic', samplingInterval: 'PT10S' });
    const stateOf = async (id: string) => (await running.vtn.listReportSubscriptions(venId)).find((s) => s.reportRequestId === id)?.state;
    await vi.waitFor(async () => expect(await stateOf(signed.reportRequestId)).toBe('created'), { timeout: 3000 });
    signBodies = false;
    const unsigned = await running.vtn.requestReport({ venId, reportName: 'TELEMETRY_STATUS', kind: 'periodic', samplingInterval: 'PT10S' });
    await vi.waitFor(() => expect(push.all('oadrCreateReport')).toHaveLength(2), { timeout: 3000 });
    await vi.waitFor(async () => expect((await running.vtn.push.status(venId))?.inFlight).toBeUndefined());
    expect(await stateOf(unsigned.reportRequestId)).toBe('requested');
    signBodies = true;
  });

  it('a VEN server whose certificate the VTN does not trust gets nothing: the TLS failure pauses its pushes', async () => {
    const rogue = ven(rogueCertificates(), 'ven1-rsa');
    const client = new TlsVen({ baseUrl: running.baseUrl, venName: 'push-rogue-server', tls: { ca: certs.ca.cert, cert: ven(certs, 'ven2-rsa').cert, key: ven(certs, 'ven2-rsa').key } });
    const bad = await PushVen.start({ client, tls: { cert: rogue.cert, key: rogue.key, ca: certs.ca.cert } });
    try {
      expect(responseCode(await bad.register())).toBe('200');
      await vi.waitFor(async () => expect((await running.vtn.push.status(client.venId!))?.suspended).toBe(true), { timeout: 5000 });
      expect((await running.vtn.push.status(client.venId!))?.lastError).toMatch(/certificate|self.signed|unable to verify/i);
      expect(bad.received).toEqual([]);
    } finally {
      await bad.close();
      await client.close();
    }
  });
});
