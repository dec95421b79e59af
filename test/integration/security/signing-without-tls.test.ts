// Signatures without TLS: a signed registration pins the signer's certificate; later messages must be signed by it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as X from '../../helpers/ven-xml/index.js';
import { responseCode, TestVen } from '../../helpers/test-ven.js';
import { startTestVtn, type RunningTestVtn } from '../../helpers/start-vtn.js';
import { testCertificates, ven } from './helpers/cert-fixture.js';
import { signAsVen, verifyAsVen } from './helpers/ven-signer.js';

const certs = testCertificates();
const v1 = ven(certs, 'ven1-rsa');
const v2 = ven(certs, 'ven2-rsa');
let running: RunningTestVtn;
let client: TestVen;

beforeAll(async () => {
  running = await startTestVtn({ signing: { cert: certs.vtn.rsa.cert, key: certs.vtn.rsa.key } });
  client = new TestVen({ baseUrl: running.baseUrl, venName: 'plain-signer' });
});
afterAll(() => running.close());

const signed = (xml: string, c = v1) => signAsVen(xml, { cert: c.cert, key: c.key, timestamp: running.clock.now() });

describe('signing over plain HTTP', () => {
  it('pins the registration signer and holds later messages to it', async () => {
    const reg = await client.post('EiRegisterParty', signed(X.oadrCreatePartyRegistration({ requestId: 'r1', venName: 'plain-signer', xmlSignature: true })));
    expect(responseCode(reg)).toBe('200');
    verifyAsVen(reg.body, certs.vtn.rsa.cert);
    const venId = reg.payload.venID as string;
    expect(await running.vtn.getVen(venId)).toMatchObject({ xmlSignature: true, fingerprint: v1.fingerprint });

    const ok = await client.post('OadrPoll', signed(X.oadrPoll({ venId })));
    expect(responseCode(ok) ?? '200').not.toBe('463');
    expect(responseCode(await client.post('OadrPoll', signed(X.oadrPoll({ venId }), v2)))).toBe('463');
    expect(responseCode(await client.post('OadrPoll', X.oadrPoll({ venId })))).toBe('463');
  });

  it('leaves VENs that registered without signatures unsigned-friendly, but still signs replies', async () => {
    const other = new TestVen({ baseUrl: running.baseUrl, venName: 'unsigned' });
    expect(responseCode(await other.register())).toBe('200');
    const poll = await other.poll();
    expect(poll.status).toBe(200);
    verifyAsVen(poll.body, certs.vtn.rsa.cert);
  });

  it('refuses a signed non-registration message from a VEN with no certificate on record', async () => {
    const other = new TestVen({ baseUrl: running.baseUrl, venName: 'late-signer' });
    await other.register();
    const reply = await client.post('OadrPoll', signed(X.oadrPoll({ venId: other.venId! })));
    expect(responseCode(reply)).toBe('463');
    expect(JSON.stringify(reply.payload)).toContain('no certificate is on record');
  });
});

describe('the signature requirement follows the registrationID too', () => {
  it('an unsigned cancel naming only the registrationID does not retire a VEN that registered with signatures', async () => {
    const owner = new TestVen({ baseUrl: running.baseUrl, venName: 'signed-owner' });
    const reg = await owner.post('EiRegisterParty', signed(X.oadrCreatePartyRegistration({ requestId: 'r2', venName: 'signed-owner', xmlSignature: true })));
    const venId = reg.payload.venID as string;
    const registrationId = reg.payload.registrationID as string;
    const before = await running.vtn.getVen(venId);
    expect(before).toMatchObject({ xmlSignature: true, fingerprint: v1.fingerprint });
    const attacker = new TestVen({ baseUrl: running.baseUrl, venName: 'attacker' });
    const cancel = (venIdToo: boolean) => X.oadrCancelPartyRegistration({ requestId: 'c', registrationId, ...(venIdToo ? { venId } : {}) });
    for (const [name, body] of [
      ['unsigned, registrationID only', cancel(false)],
      ['unsigned, with venID', cancel(true)],
      ['signed by another certificate, registrationID only', signed(cancel(false), v2)],
    ] as const) {
      const reply = await attacker.post('EiRegisterParty', body);
      expect(responseCode(reply), name).toBe('463');
      expect(JSON.stringify(reply.payload), name).toMatch(/XML signature (missing|certificate)/);
    }
    const rereg = await attacker.post('EiRegisterParty', X.oadrCreatePartyRegistration({ requestId: 'r3', venName: 'attacker', registrationId }));
    expect(responseCode(rereg)).toBe('463');
    expect(await running.vtn.getVen(venId)).toEqual(before);
    const ok = await owner.post('EiRegisterParty', signed(cancel(false)));
    expect(responseCode(ok)).toBe('200');
    expect(await running.vtn.getVen(venId)).toBeUndefined();
  });
});
