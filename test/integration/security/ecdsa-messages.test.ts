// ECDSA over mutual TLS: a VTN signing with its P-256 certificate and a VEN signing with its own, end to end.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as X from '../../helpers/ven-xml/index.js';
import { responseCode, type VenReply } from '../../helpers/test-ven.js';
import { startTestVtn, type RunningTestVtn } from '../../helpers/start-vtn.js';
import { testCertificates, tlsOptions, ven } from './helpers/cert-fixture.js';
import { TlsVen } from './helpers/tls-ven.js';
import { signAsVen, verifyAsVen } from './helpers/ven-signer.js';

const certs = testCertificates();
const v1 = ven(certs, 'ven1-ecc');
const v1Rsa = ven(certs, 'ven1-rsa');
const ECDSA = 'http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha256';
let running: RunningTestVtn;
let signer: TlsVen;

const now = () => running.clock.now();
const description = (r: VenReply): string => JSON.stringify(r.payload);

beforeAll(async () => {
  running = await startTestVtn({ tls: tlsOptions(certs), signing: { cert: certs.vtn.ecc.cert, key: certs.vtn.ecc.key, replayWindow: 'PT30S' } });
  signer = new TlsVen({
    baseUrl: running.baseUrl, venName: 'ecdsa-ven',
    tls: { ca: certs.ca.cert, cert: v1.cert, key: v1.key },
    sign: { cert: v1.cert, key: v1.key, now },
    vtnSigningCert: certs.vtn.ecc.cert,
  });
  expect(responseCode(await signer.register({ xmlSignature: true }))).toBe('200');
});
afterAll(async () => {
  await signer.close();
  await running.close();
});

const signedPoll = (o: Partial<Parameters<typeof signAsVen>[1]> = {}) => signAsVen(X.oadrPoll({ venId: signer.venId! }), { cert: v1.cert, key: v1.key, timestamp: now(), ...o });

async function expectRefused(body: string, failure: string): Promise<void> {
  const reply = await signer.postRaw('OadrPoll', body);
  expect(responseCode(reply)).toBe('463');
  expect(description(reply)).toContain(`XML signature ${failure}`);
}

describe('ECDSA-SHA256 end to end', () => {
  it('registers an ECDSA-signing VEN and signs every reply with ECDSA-SHA256', async () => {
    expect(await running.vtn.getVen(signer.venId!)).toMatchObject({ xmlSignature: true, fingerprint: v1.fingerprint });
    const poll = await signer.poll();
    expect(poll.status).toBe(200);
    expect(poll.body).toContain(`<ds:SignatureMethod Algorithm="${ECDSA}"/>`);
    expect(verifyAsVen(poll.body, certs.vtn.ecc.cert)[1]).toMatch(/<dsp:ReplayProtect/);
  });

  it('runs an event over ECDSA-signed messages', async () => {
    const handle = await running.vtn.addEvent({ venId: signer.venId!, signalName: 'SIMPLE', signalType: 'level', dtstart: '2026-06-01T13:00:00Z', duration: 'PT1H', intervals: [{ duration: 'PT1H', payload: 1 }] });
    const answered = handle.response(signer.venId!);
    const dist = await signer.requestEvent();
    expect(dist.type).toBe('oadrDistributeEvent');
    expect((await signer.respondToEvents(dist, 'optIn')).status).toBe(200);
    await expect(answered).resolves.toBe('optIn');
  });

  it('refuses a DER-encoded ECDSA value, a relabelled method and the VEN\'s other (RSA) certificate', async () => {
    await expectRefused(signedPoll({ ecdsaEncoding: 'der' }), 'invalid');
    await expectRefused(signedPoll().replace(ECDSA, 'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256'), 'algorithm');
    await expectRefused(signedPoll({ cert: v1Rsa.cert, key: v1Rsa.key }), 'certificate');
  });

  it('still refuses replays and stale timestamps', async () => {
    const once = signedPoll();
    expect(responseCode(await signer.postRaw('OadrPoll', once)) ?? '200').not.toBe('463');
    await expectRefused(once, 'replay');
    await expectRefused(signedPoll({ timestamp: new Date(now().getTime() - 31_000) }), 'timestamp');
  });
});
