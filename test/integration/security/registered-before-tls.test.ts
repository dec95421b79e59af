// A VEN registered over plain HTTP, then the operator switches mutual TLS on (same state folder): the VEN must
// register again with its registrationID to bind its certificate, and from then on only that certificate counts.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openStore } from '../../../src/store/index.js';
import { responseCode, responseDescription, TestVen } from '../../helpers/test-ven.js';
import * as X from '../../helpers/ven-xml/index.js';
import { startTestVtn, TestClock } from '../../helpers/start-vtn.js';
import { testCertificates, tlsOptions, ven } from './helpers/cert-fixture.js';
import { TlsVen } from './helpers/tls-ven.js';

const certs = testCertificates();
const dataDir = mkdtempSync(join(tmpdir(), 'vtn-before-tls-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe('a VEN registered before TLS was switched on', () => {
  it('must register again over TLS (with its registrationID) to bind its certificate; another certificate cannot', async () => {
    const clock = new TestClock();
    const plain = await startTestVtn({ store: await openStore({ dataDir }), clock });
    const early = new TestVen({ baseUrl: plain.baseUrl, venName: 'early' });
    expect(responseCode(await early.register())).toBe('200');
    const { venId, registrationId } = early;
    await plain.close();

    const tls = await startTestVtn({ store: await openStore({ dataDir }), clock, tls: tlsOptions(certs) });
    const own = ven(certs, 'ven1-rsa');
    const other = ven(certs, 'ven2-rsa');
    const later = new TlsVen({ baseUrl: tls.baseUrl, venName: 'early', tls: { ca: certs.ca.cert, cert: own.cert, key: own.key } });
    const intruder = new TlsVen({ baseUrl: tls.baseUrl, venName: 'intruder', tls: { ca: certs.ca.cert, cert: other.cert, key: other.key } });
    try {
      expect((await tls.vtn.getVen(venId!))?.fingerprint).toBeUndefined();
      const poll = await later.poll(venId);
      expect(responseCode(poll)).toBe('463');
      expect(responseDescription(poll)).toMatch(/register again over TLS/);
      // Nor can anyone cancel it before it is bound.
      const cancel = await intruder.post('EiRegisterParty', X.oadrCancelPartyRegistration({ requestId: 'c', registrationId: registrationId! }));
      expect(responseCode(cancel)).toBe('463');

      const again = await later.register({ registrationId: registrationId!, venId: venId! });
      expect(responseCode(again)).toBe('200');
      expect(await tls.vtn.getVen(venId!)).toMatchObject({ registrationId, fingerprint: own.fingerprint });
      // Its first poll after re-registering carries the VTN's oadrRegisterReport (no responseCode of its own).
      const firstPoll = await later.poll();
      expect([firstPoll.status, firstPoll.type]).toEqual([200, 'oadrRegisterReport']);
      expect(responseCode(await intruder.register({ registrationId: registrationId!, venId: venId! }))).toBe('463');
      expect((await tls.vtn.getVen(venId!))?.fingerprint).toBe(own.fingerprint);
    } finally {
      await Promise.all([later.close(), intruder.close()]);
      await tls.close();
    }
  });
});
