// The guide's "Signing Messages" example: ven_lookup with fingerprints, over mutual TLS, replies signed with a
// passphrase-protected key; registration checks registration_info['fingerprint'] against the VEN's record.
import { createPrivateKey } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { OpenADRServer, utils, type RegistrationInfoDict, type VenInfoDict } from '../../../src/openleadr/index.js';
import { responseCode } from '../../helpers/test-ven.js';
import { testCertificates, ven as certOf } from '../security/helpers/cert-fixture.js';
import { TlsVen } from '../security/helpers/tls-ven.js';
import { baseUrlOf, printed, stopLater } from './guide-fixture.js';

const certs = testCertificates();
const file = (name: string) => join(certs.dir, name);
const v1 = certOf(certs, 'ven1-rsa');
const v2 = certOf(certs, 'ven2-ecc');

// The VTN's signing key, encrypted, as the guide's passphrase= expects.
const encryptedKey = file('vtn-rsa-encrypted.key');
writeFileSync(encryptedKey, createPrivateKey(certs.vtn.rsa.key).export({ type: 'pkcs8', format: 'pem', cipher: 'aes-256-cbc', passphrase: 'mypassphrase' }));

const vens: TlsVen[] = [];
afterEach(async () => {
  await Promise.all(vens.splice(0).map((v) => v.close()));
});

/** The guide's `database.lookup('vens')`: VENs and their fingerprints, received outside of OpenADR. */
const database = {
  vens: [
    { ven_id: 'ven-id-1', ven_name: 'ven1', fingerprint: utils.certificate_fingerprint(file('ven1-rsa.crt')), registration_id: 'reg-id-1' },
    { ven_id: 'ven-id-2', ven_name: 'ven2', fingerprint: utils.certificate_fingerprint(file('ven2-ecc.crt')), registration_id: 'reg-id-2' },
  ],
  lookup: (_table: 'vens') => ({ where: (by: Partial<VenInfoDict>) => database.vens.find((v) => Object.entries(by).every(([k, val]) => v[k as keyof VenInfoDict] === val)) }),
};

const lookedUp: string[] = [];

function ven_lookup(ven_id: string) {
  lookedUp.push(ven_id);
  // Look up the information about this VEN.
  const ven_info = database.lookup('vens').where({ ven_id }); // Pseudo code
  if (ven_info) {
    return { ven_id: ven_info['ven_id'], ven_name: ven_info['ven_name'], fingerprint: ven_info['fingerprint'], registration_id: ven_info['registration_id'] };
  } else {
    return {};
  }
}

async function on_create_party_registration(registration_info: RegistrationInfoDict) {
  const ven_info = database.lookup('vens').where({ ven_name: registration_info['ven_name'] });
  // Check the fingerprint of the connection against the one received offline.
  if (ven_info && registration_info['fingerprint'] === ven_info['fingerprint']) return [ven_info.ven_id, ven_info.registration_id] as const;
  return false;
}

function tlsVen(server: OpenADRServer, venName: string, c: { cert: string; key: string }): TlsVen {
  const v = new TlsVen({ baseUrl: baseUrlOf(server), venName, tls: { ca: certs.ca.cert, cert: c.cert, key: c.key }, vtnSigningCert: certs.vtn.rsa.cert });
  vens.push(v);
  return v;
}

async function startServer(): Promise<OpenADRServer> {
  const server = stopLater(new OpenADRServer({
    vtn_id: 'MyVTN',
    cert: file('vtn-rsa.crt'),
    key: encryptedKey,
    passphrase: 'mypassphrase',
    http_cert: file('vtn-rsa.crt'),
    http_key: file('vtn-rsa.key'),
    http_ca_file: file('ca.crt'),
    ven_lookup,
    http_port: 0,
    vtn_options: { logger: false },
  }));
  server.add_handler('on_create_party_registration', on_create_party_registration);
  await server.run();
  return server;
}

describe("the guide's ven_lookup over mutual TLS", () => {
  it('shows the VTN fingerprint, signs every reply, and registers a VEN only with the certificate on record', async () => {
    const lines = printed();
    const server = await startServer();
    expect(server.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+\/OpenADR2\/Simple\/2\.0b$/);
    expect(lines.join('\n')).toContain(`Your VTN Certificate Fingerprint is ${certs.vtn.rsa.fingerprint}`);

    const impostor = tlsVen(server, 'ven1', v2);
    expect(responseCode(await impostor.register())).toBe('463');

    const real = tlsVen(server, 'ven1', v1);
    expect(responseCode(await real.register())).toBe('200');
    expect([real.venId, real.registrationId]).toEqual(['ven-id-1', 'reg-id-1']);
    expect((await real.poll()).type).toBe('oadrRegisterReport');
  });

  it('a VEN ven_lookup knows may poll with its own certificate; another certificate, or a venID it does not know, is refused', async () => {
    const server = await startServer();
    lookedUp.length = 0;
    const known = tlsVen(server, 'ven2', v2);
    const ok = await known.poll('ven-id-2');
    expect([ok.type, responseCode(ok)]).toEqual(['oadrResponse', '200']);
    expect(lookedUp).toContain('ven-id-2');

    const wrongCert = tlsVen(server, 'ven2', v1);
    expect(responseCode(await wrongCert.poll('ven-id-2'))).toBe('463');

    const stranger = await known.poll('ven-id-nobody');
    expect(stranger.type).toBe('oadrRequestReregistration');
    expect(lookedUp).toContain('ven-id-nobody');
  });
});
