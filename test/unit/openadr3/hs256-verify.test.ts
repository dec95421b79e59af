// The own-token check (auth/hs256-verify.ts) accepts what jose signs for the VTN and refuses every other token:
// changed claims, another key or algorithm, crit headers, the wrong issuer or audience, expired or not yet valid.
import { SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { verifyHs256 } from '../../../src/openadr3/auth/hs256-verify.js';
import { TokenService } from '../../../src/openadr3/auth/token-service.js';
import type { Store } from '../../../src/store/store.js';

const SECRET = 'unit-test-token-secret-of-at-least-32-chars';
const KEY = new TextEncoder().encode(SECRET);
const ISSUER = 'openadr-vtn:VTN-UNIT';
const EXPECTED = { issuer: ISSUER, audience: 'openadr3' };
const NOW = new Date('2026-06-01T12:00:00Z');
const seconds = Math.floor(NOW.getTime() / 1000);

const sign = (claims: Record<string, unknown>, header: Record<string, unknown> = {}, key = KEY) =>
  new SignJWT({ client_id: 'c1', role: 'ven', ...claims }).setProtectedHeader({ alg: 'HS256', ...header })
    .setIssuer(ISSUER).setAudience('openadr3').setIssuedAt(seconds).setExpirationTime(seconds + 60).sign(key);
const b64 = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');

describe('verifyHs256', () => {
  it('accepts the tokens TokenService issues, with their claims, until exp', async () => {
    const tokens = new TokenService({ ttlSeconds: 600, issuer: ISSUER, secret: SECRET }, undefined as unknown as Store);
    const { access_token } = await tokens.issue({ clientID: 'site-9', name: 'site-9', role: 'ven', secretHash: '' }, NOW);
    expect(verifyHs256(access_token, KEY, EXPECTED, NOW)).toMatchObject({ client_id: 'site-9', role: 'ven', iss: ISSUER, aud: 'openadr3' });
    expect(await tokens.verify(access_token, NOW)).toMatchObject({ clientID: 'site-9', role: 'ven', via: 'token' });
    expect(verifyHs256(access_token, KEY, EXPECTED, new Date(NOW.getTime() + 599_999))).toBeDefined();
    expect(verifyHs256(access_token, KEY, EXPECTED, new Date(NOW.getTime() + 600_000))).toBeUndefined();
    expect(await tokens.verify(access_token, new Date(NOW.getTime() + 600_000))).toBeUndefined();
  });

  it('refuses a changed payload, another key, alg none, a crit header and a malformed token', async () => {
    const token = await sign({});
    const [head, , signature] = token.split('.');
    expect(verifyHs256(`${head}.${b64({ client_id: 'c1', role: 'bl', iss: ISSUER, aud: 'openadr3', exp: seconds + 60 })}.${signature}`, KEY, EXPECTED, NOW)).toBeUndefined();
    expect(verifyHs256(await sign({}, {}, new TextEncoder().encode('another-secret-of-at-least-32-characters')), KEY, EXPECTED, NOW)).toBeUndefined();
    const payload = token.split('.')[1];
    expect(verifyHs256(`${b64({ alg: 'none' })}.${payload}.`, KEY, EXPECTED, NOW)).toBeUndefined();
    expect(verifyHs256(await sign({}, { crit: ['exp'] }).catch(() => 'x.y.z'), KEY, EXPECTED, NOW)).toBeUndefined();
    for (const bad of ['', 'a.b', `${token}.x`, `${head}.${payload}.${signature}=`, `${head}!.${payload}.${signature}`]) expect(verifyHs256(bad, KEY, EXPECTED, NOW)).toBeUndefined();
  });

  it('refuses another issuer or audience, a token not yet valid, and one without exp', async () => {
    expect(verifyHs256(await sign({}), KEY, { ...EXPECTED, issuer: 'someone-else' }, NOW)).toBeUndefined();
    expect(verifyHs256(await sign({}), KEY, { ...EXPECTED, audience: 'other' }, NOW)).toBeUndefined();
    expect(verifyHs256(await sign({ nbf: seconds + 10 }), KEY, EXPECTED, NOW)).toBeUndefined();
    expect(verifyHs256(await sign({ nbf: seconds }), KEY, EXPECTED, NOW)).toBeDefined();
    const noExp = await new SignJWT({ client_id: 'c1' }).setProtectedHeader({ alg: 'HS256' }).setIssuer(ISSUER).setAudience('openadr3').sign(KEY);
    expect(verifyHs256(noExp, KEY, EXPECTED, NOW)).toBeUndefined();
  });
});
