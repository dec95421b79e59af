// The 3.1 identity gate: client-credential tokens, 401/403 as the document says, Problem bodies, scopes per operation.
import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { SPEC_JSON_PATH, SPEC_PATH } from '../../../src/openadr3/spec/openadr3-spec.js';
import { validatorFor } from '../../../src/openadr3/spec/schema-validators.js';
import { startOadr3Vtn, type Oadr3World } from '../../helpers/openadr3.js';

const REFERENCE = join(import.meta.dirname, '..', '..', '..', '..', 'shared', 'openadr3', 'openadr3.yaml');

describe('the shipped OpenAPI document', () => {
  it('is the specification unchanged', () => {
    if (!existsSync(REFERENCE)) {
      if (process.env.CI === 'true') throw new Error(`the OpenADR 3 specification is missing at ${REFERENCE}`);
      console.warn(`SKIPPED: no OpenADR 3 specification at ${REFERENCE}`);
      return;
    }
    expect(readFileSync(SPEC_PATH, 'utf8')).toBe(readFileSync(REFERENCE, 'utf8'));
  });

  it('has a JSON twin equal to the parsed YAML (what the VTN reads at start)', () => {
    const regenerate = `regenerate it: node -e 'const fs=require("fs");fs.writeFileSync("schemas/openadr3/openadr3.json",JSON.stringify(require("yaml").parse(fs.readFileSync("schemas/openadr3/openadr3.yaml","utf8")))+"\\n")'`;
    expect(JSON.parse(readFileSync(SPEC_JSON_PATH, 'utf8')), regenerate).toEqual(parse(readFileSync(SPEC_PATH, 'utf8')));
  });
});

describe('OpenADR 3.1 auth', () => {
  let world: Oadr3World;
  let clock = new Date('2026-06-01T12:00:00Z');
  beforeAll(async () => {
    world = await startOadr3Vtn({ vtn: { now: () => clock }, openadr3: { tokenTtl: 'PT10M' } });
  });
  afterAll(() => world.close());

  const tokenRequest = (form: Record<string, string>, headers: Record<string, string> = {}) => fetch(`${world.base}/auth/token`, {
    method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers }, body: new URLSearchParams(form),
  });

  it('trades a client secret for a bearer token that the API accepts', async () => {
    const { clientID, secret } = world.addClient('Business logic', 'bl');
    const res = await tokenRequest({ grant_type: 'client_credentials', client_id: clientID, client_secret: secret });
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const body = (await res.json()) as { access_token: string; token_type: string; expires_in: number };
    expect(validatorFor('clientCredentialResponse')(body)).toBe(true);
    expect(body).toMatchObject({ token_type: 'Bearer', expires_in: 600 });
    const notifiers = await world.call('listAllNotifiers', { token: body.access_token });
    expect(notifiers).toMatchObject({ status: 200, body: { WEBHOOK: true } });
  });

  it('accepts HTTP Basic credentials too', async () => {
    const { clientID, secret } = world.addClient('basic ven', 'ven');
    const res = await tokenRequest({ grant_type: 'client_credentials' }, { authorization: `Basic ${Buffer.from(`${clientID}:${secret}`).toString('base64')}` });
    expect(res.status).toBe(200);
  });

  it('refuses a wrong secret and an unknown client alike, with RFC 6749 error bodies', async () => {
    const { clientID } = world.addClient('wrong secret', 'ven');
    for (const form of [{ client_id: clientID, client_secret: 'nope' }, { client_id: 'nobody', client_secret: 'nope' }]) {
      const res = await tokenRequest({ grant_type: 'client_credentials', ...form });
      expect(res.status).toBe(401);
      const body = await res.json();
      expect(validatorFor('authError')(body)).toBe(true);
      expect(body).toEqual({ error: 'invalid_client', error_description: 'unknown client or wrong secret' });
    }
    const badGrant = await tokenRequest({ grant_type: 'password', client_id: clientID, client_secret: 'x' });
    expect(badGrant.status).toBe(400);
    expect(await badGrant.json()).toMatchObject({ error: 'unsupported_grant_type' });
  });

  it('answers 401 with a Problem and a Bearer challenge without a token, with a forged one, and after expiry', async () => {
    const none = await world.call('listAllNotifiers', {});
    expect(none.status).toBe(401);
    expect(none.headers.get('www-authenticate')).toContain('Bearer');
    const token = await world.tokenFor('expiring', 'bl');
    const [head, payload] = token.split('.');
    const forged = await world.call('listAllNotifiers', { token: `${head}.${payload}.${'A'.repeat(43)}` });
    expect(forged.status).toBe(401);
    expect((await world.call('listAllNotifiers', { token })).status).toBe(200);
    clock = new Date(clock.getTime() + 11 * 60_000);
    expect((await world.call('listAllNotifiers', { token })).status).toBe(401);
  });

  it('enforces the scopes of each operation: a VEN may not write programs or read BL-only routes', async () => {
    const ven = await world.tokenFor('scoped ven', 'ven');
    const write = await world.call('createProgram', { token: ven, body: { programName: 'p1' } });
    expect(write.status).toBe(403);
    expect((write.body as { detail: string }).detail).toContain('write_programs');
    expect((await world.call('listAllNotifiers', { token: ven })).status).toBe(403);
  });

  it('validates the request body against the document before any handler runs', async () => {
    const bl = await world.tokenFor('validating bl', 'bl');
    const res = await world.call('createProgram', { token: bl, body: { programDescriptions: [] } });
    expect(res.status).toBe(400);
    expect((res.body as { detail: string }).detail).toContain('programName');
  });

  it('answers MQTT topic routes with 501, since no MQTT binding is offered', async () => {
    const bl = await world.tokenFor('mqtt bl', 'bl');
    expect((await world.call('listAllMqttNotifierTopicsPrograms', { token: bl })).status).toBe(501);
  });

  it('points GET /auth/server at the token endpoint', async () => {
    const res = await fetch(`${world.base}/auth/server`);
    const body = await res.json();
    expect(validatorFor('authServerInfo')(body)).toBe(true);
    expect(body).toEqual({ tokenURL: `${world.base}/auth/token` });
  });
});
