// XML signatures over mutual TLS: a signed round trip, and one in-band 463 per kind of signature failure.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as X from '../../helpers/ven-xml/index.js';
import { responseCode, type VenReply } from '../../helpers/test-ven.js';
import { startTestVtn, type RunningTestVtn } from '../../helpers/start-vtn.js';
import { testCertificates, tlsOptions, ven } from './helpers/cert-fixture.js';
import { TlsVen } from './helpers/tls-ven.js';
import { signAsVen, verifyAsVen } from './helpers/ven-signer.js';

const certs = testCertificates();
const v1 = ven(certs, 'ven1-rsa');
const v2 = ven(certs, 'ven2-rsa');
let running: RunningTestVtn;
let signer: TlsVen;
const warnings: { obj: object | string; msg?: string }[] = [];

const description = (r: VenReply): string => JSON.stringify(r.payload);
const now = () => running.clock.now();

beforeAll(async () => {
  const log = { info() {}, debug() {}, error() {}, warn: (obj: object | string, msg?: string) => { warnings.push({ obj, msg }); } };
  running = await startTestVtn({ tls: tlsOptions(certs), signing: { cert: certs.vtn.rsa.cert, key: certs.vtn.rsa.key, replayWindow: 'PT30S' }, logger: log });
  signer = new TlsVen({
    baseUrl: running.baseUrl, venName: 'signing-ven',
    tls: { ca: certs.ca.cert, cert: v1.cert, key: v1.key },
    sign: { cert: v1.cert, key: v1.key, now },
    vtnSigningCert: certs.vtn.rsa.cert,
  });
  const reg = await signer.register({ xmlSignature: true });
  expect(responseCode(reg)).toBe('200');
});
afterAll(async () => {
  await signer.close();
  await running.close();
});

/** A poll from the signing VEN, signed with these options, sent as raw bytes. */
function signedPoll(o: Partial<Parameters<typeof signAsVen>[1]> = {}): string {
  return signAsVen(X.oadrPoll({ venId: signer.venId! }), { cert: v1.cert, key: v1.key, timestamp: now(), ...o });
}

async function expectRefused(body: string, failure: string): Promise<VenReply> {
  const reply = await signer.postRaw('OadrPoll', body);
  expect(reply.status).toBe(200);
  expect(responseCode(reply)).toBe('463');
  expect(description(reply)).toContain(`XML signature ${failure}`);
  expect(warnings.some((w) => (w.obj as { failure?: string }).failure === failure)).toBe(true);
  return reply;
}

describe('signed round trip', () => {
  it('records the VEN as signing and signs every reply with RSA-SHA256, SHA-256, C14N 1.0 and ReplayProtect', async () => {
    expect((await running.vtn.getVen(signer.venId!))?.xmlSignature).toBe(true);
    const poll = await signer.poll();
    expect(poll.status).toBe(200);
    const refs = verifyAsVen(poll.body, certs.vtn.rsa.cert);
    expect(refs[0]).toMatch(/^<oadr:oadrSignedObject /);
    expect(refs[1]).toMatch(/<dsp:ReplayProtect[^>]*><dsp:timestamp>2026-06-01T12:00:00.000Z<\/dsp:timestamp><dsp:nonce>[^<]+<\/dsp:nonce>/);
    expect(poll.body).toContain('<ds:SignatureMethod Algorithm="http://www.w3.org/2001/04/xmldsig-more#rsa-sha256"/>');
    expect(poll.body.indexOf('<ds:Signature')).toBeLessThan(poll.body.indexOf('<oadr:oadrSignedObject'));
  });

  it('runs events over signed messages: distribute, opt in, opt acknowledged', async () => {
    const handle = await running.vtn.addEvent({ venId: signer.venId!, signalName: 'SIMPLE', signalType: 'level', dtstart: '2026-06-01T13:00:00Z', duration: 'PT1H', intervals: [{ duration: 'PT1H', payload: 1 }] });
    const answered = handle.response(signer.venId!);
    const dist = await signer.requestEvent();
    expect(dist.type).toBe('oadrDistributeEvent');
    const ack = await signer.respondToEvents(dist, 'optIn');
    expect(ack.status).toBe(200);
    await expect(answered).resolves.toBe('optIn');
    expect(await running.vtn.optState(handle.eventId, signer.venId!)).toMatchObject({ response: 'optIn' });
  });
});

describe('each signature failure gets its own 463', () => {
  it('unsigned message from a VEN that registered with signatures', async () => {
    await expectRefused(X.oadrPoll({ venId: signer.venId! }), 'missing');
  });

  it('signed by another VEN\'s certificate', async () => {
    await expectRefused(signedPoll({ cert: v2.cert, key: v2.key }), 'certificate');
  });

  it('payload changed after signing', async () => {
    const tampered = signedPoll().replace(`<ei:venID>${signer.venId}</ei:venID>`, `<ei:venID>${signer.venId} </ei:venID>`);
    await expectRefused(tampered, 'invalid');
  });

  it('signature value changed', async () => {
    const body = signedPoll().replace(/<ds:SignatureValue>(.)/, (_m, c: string) => `<ds:SignatureValue>${c === 'A' ? 'B' : 'A'}`);
    await expectRefused(body, 'invalid');
  });

  it.each([
    ['SHA-1 digests', { digest: 'sha1' as const }],
    ['RSA-SHA1', { method: 'rsa-sha1' as const }],
    ['exclusive C14N', { c14n: 'exc-c14n' as const }],
  ])('%s', async (_name, o) => {
    await expectRefused(signedPoll(o), 'algorithm');
  });

  it('no ReplayProtect reference', async () => {
    await expectRefused(signedPoll({ payloadOnly: true }), 'structure');
  });

  it('wrapping: an evil oadrSignedObject in place, the signed one hidden in an extra ds:Object', async () => {
    const good = signedPoll();
    const start = good.indexOf('<oadr:oadrSignedObject');
    const original = good.slice(start, good.indexOf('</oadr:oadrPayload>'));
    const evil = '<oadr:oadrSignedObject oadr:Id="evil"><oadr:oadrPoll ei:schemaVersion="2.0b"><ei:venID>' + signer.venId + '</ei:venID></oadr:oadrPoll></oadr:oadrSignedObject>';
    const attack = good.slice(0, start).replace('</ds:Signature>', `<ds:Object>${original}</ds:Object></ds:Signature>`) + evil + '</oadr:oadrPayload>';
    await expectRefused(attack, 'structure');
  });

  it('wrapping: the ReplayProtect reference moved to another element', async () => {
    const moved = signedPoll().replace('<ds:Object Id="prop">', '<ds:Object Id="other">').replace('</ds:Signature>', '<ds:Object Id="prop"/></ds:Signature>');
    await expectRefused(moved, 'structure');
  });

  it.each([
    ['an evil oadrSignedObject before the signed one', (good: string) => good.replace('<oadr:oadrSignedObject', '<oadr:oadrSignedObject oadr:Id="evil"><oadr:oadrPoll ei:schemaVersion="2.0b"><ei:venID>x</ei:venID></oadr:oadrPoll></oadr:oadrSignedObject><oadr:oadrSignedObject')],
    ['the signed object nested in an evil wrapper', (good: string) => {
      const start = good.indexOf('<oadr:oadrSignedObject');
      return `${good.slice(0, start)}<oadr:oadrSignedObject>${good.slice(start, good.indexOf('</oadr:oadrPayload>'))}</oadr:oadrSignedObject></oadr:oadrPayload>`;
    }],
    ['two signatures', (good: string) => good.replace(/(<ds:Signature[\s\S]*<\/ds:Signature>)/, '$1$1')],
  ])('wrapping refused before dispatch (400 from the envelope check): %s', async (_name, mutate) => {
    const reply = await signer.postRaw('OadrPoll', mutate(signedPoll()));
    expect(reply.status).toBe(400);
    expect(reply.body).toMatch(/oadrPayload must contain|exactly one payload element|not an OpenADR 2.0b payload/);
  });

  it('replayed message: the same bytes twice', async () => {
    const once = signedPoll();
    const first = await signer.postRaw('OadrPoll', once);
    expect(responseCode(first) ?? '200').not.toBe('463');
    await expectRefused(once, 'replay');
  });

  it('stale and future timestamps', async () => {
    await expectRefused(signedPoll({ timestamp: new Date(now().getTime() - 31_000) }), 'timestamp');
    await expectRefused(signedPoll({ timestamp: new Date(now().getTime() + 31_000) }), 'timestamp');
    const inside = await signer.postRaw('OadrPoll', signedPoll({ timestamp: new Date(now().getTime() + 29_000) }));
    expect(responseCode(inside) ?? '200').not.toBe('463');
  });

  it('a refused signed opt changes no state', async () => {
    const opt = X.oadrCreateOpt({ requestId: 'r-opt', optId: 'opt-sig', optType: 'optOut', optReason: 'economic', venId: signer.venId!, vavailability: [{ dtstart: '2026-06-02T10:00:00Z', duration: 'PT1H' }] });
    const signed = signAsVen(opt, { cert: v2.cert, key: v2.key, timestamp: now() });
    const reply = await signer.postRaw('EiOpt', signed);
    expect(responseCode(reply)).toBe('463');
    expect(await running.vtn.listOpts(signer.venId)).toEqual([]);
  });
});
