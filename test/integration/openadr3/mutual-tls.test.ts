// OpenADR 3.1 over mutual TLS: a catalogue client's certificate identifies it without a token, a token bound to a
// certificate counts only with it, and the registration policy sees the fingerprint.
import { Agent, fetch as undiciFetch } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addClient } from '../../../src/openadr3/auth/client-file-edits.js';
import type { RegistrationInfo } from '../../../src/vtn/handlers.js';
import { startOadr3Vtn, type Oadr3World } from '../../helpers/openadr3.js';
import { testCertificates, tlsOptions, ven } from '../security/helpers/cert-fixture.js';

const certs = testCertificates();
const agentFor = (name: string) => {
  const c = ven(certs, name);
  return new Agent({ connect: { ca: certs.ca.cert, cert: c.cert, key: c.key, servername: 'localhost' } });
};

describe('OpenADR 3.1 over mutual TLS', () => {
  let world: Oadr3World;
  const ven1 = agentFor('ven1-rsa');
  const ven2 = agentFor('ven2-rsa');
  const asked: RegistrationInfo[] = [];
  let bound: { clientID: string; secret: string };
  beforeAll(async () => {
    world = await startOadr3Vtn({ vtn: { tls: tlsOptions(certs) } });
    world.vtn.addHandler('onCreatePartyRegistration', (info: RegistrationInfo) => (asked.push(info), {}));
    const { entry, secret } = addClient(world.clientsFile, { name: 'site-1', role: 'ven', fingerprint: ven(certs, 'ven1-rsa').fingerprint });
    bound = { clientID: entry.clientID, secret };
  });
  afterAll(async () => {
    await Promise.all([ven1.close(), ven2.close()]);
    await world.close();
  });

  async function tokenOver(agent: Agent, clientID: string, secret: string): Promise<string> {
    const res = await undiciFetch(`${world.base}/auth/token`, {
      method: 'POST', dispatcher: agent, headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'client_credentials', client_id: clientID, client_secret: secret }).toString(),
    });
    expect(res.status).toBe(200);
    return ((await res.json()) as { access_token: string }).access_token;
  }

  it('a client certificate in the catalogue is the identity: no token needed, and the policy gets its fingerprint', async () => {
    const made = await world.call<{ clientID: string; venName: string }>('createVen', { tls: ven1, body: { objectType: 'VEN_VEN_REQUEST', venName: 'site-1-ven' } });
    expect(made.status).toBe(201);
    expect(made.body).toMatchObject({ clientID: 'site-1', venName: 'site-1-ven' });
    expect(asked.at(-1)).toMatchObject({ clientId: 'site-1', fingerprint: ven(certs, 'ven1-rsa').fingerprint });
    const mine = await world.call<unknown[]>('searchVens', { tls: ven1 });
    expect(mine.body).toHaveLength(1);
  });

  it('a certificate that belongs to no client, without a token, is 401 saying how to add it', async () => {
    const res = await world.call<{ detail: string }>('searchVens', { tls: ven2 });
    expect(res.status).toBe(401);
    expect(res.body.detail).toContain(ven(certs, 'ven2-rsa').fingerprint);
    expect(res.body.detail).toContain('vtn clients add');
    expect(res.headers.get('www-authenticate')).toMatch(/^Bearer/);
  });

  it("a bound client's token counts only with its certificate; an unbound client's token works over any", async () => {
    const token = await tokenOver(ven1, bound.clientID, bound.secret);
    expect((await world.call('searchVens', { tls: ven1, token })).status).toBe(200);
    const stolen = await world.call<{ detail: string }>('searchVens', { tls: ven2, token });
    expect(stolen.status).toBe(401);
    expect(stolen.body.detail).toContain('bound to certificate');
    const free = world.addClient('business', 'bl');
    expect((await world.call('searchVens', { tls: ven2, token: await tokenOver(ven2, free.clientID, free.secret) })).status).toBe(200);
  });
});
