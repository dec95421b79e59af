// TokenService remembers tokens it verified: the same token again skips the MAC and parse, yet an expired or
// not-yet-valid token is still refused, and a changed token is checked on its own.
import { SignJWT } from 'jose';
import { describe, expect, it, vi } from 'vitest';
import type { Store } from '../../../src/store/store.js';

const calls = vi.hoisted(() => ({ n: 0 }));
vi.mock('../../../src/openadr3/auth/hs256-verify.js', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../../src/openadr3/auth/hs256-verify.js')>();
  return { ...real, verifyHs256: (...args: Parameters<typeof real.verifyHs256>) => { calls.n++; return real.verifyHs256(...args); } };
});
const { TokenService } = await import('../../../src/openadr3/auth/token-service.js');

const SECRET = 'unit-test-token-secret-of-at-least-32-chars';
const ISSUER = 'openadr-vtn:VTN-UNIT';
const NOW = new Date('2026-06-01T12:00:00Z');
const at = (ms: number) => new Date(NOW.getTime() + ms);

describe('verified tokens', () => {
  it('checks a token once, then answers from memory until its exp; a changed token is checked and refused', async () => {
    const tokens = new TokenService({ ttlSeconds: 600, issuer: ISSUER, secret: SECRET }, undefined as unknown as Store);
    const { access_token } = await tokens.issue({ clientID: 'site-9', name: 'site-9', role: 'ven', secretHash: '' }, NOW);
    calls.n = 0;
    const first = await tokens.verify(access_token, NOW);
    expect(first).toMatchObject({ clientID: 'site-9', role: 'ven' });
    expect(await tokens.verify(access_token, at(1000))).toBe(first);
    expect(calls.n).toBe(1);
    const tampered = `${access_token.slice(0, -2)}${access_token.endsWith('AA') ? 'BB' : 'AA'}`;
    expect(await tokens.verify(tampered, at(1000))).toBeUndefined();
    expect(calls.n).toBe(2);
    expect(await tokens.verify(access_token, at(600_000))).toBeUndefined();
  });

  it('does not answer a token from memory before its nbf', async () => {
    const tokens = new TokenService({ ttlSeconds: 600, issuer: ISSUER, secret: SECRET }, undefined as unknown as Store);
    const nbf = Math.floor(NOW.getTime() / 1000);
    const token = await new SignJWT({ client_id: 'c1', role: 'ven' }).setProtectedHeader({ alg: 'HS256' }).setIssuer(ISSUER).setAudience('openadr3')
      .setNotBefore(nbf).setExpirationTime(nbf + 60).sign(new TextEncoder().encode(SECRET));
    expect(await tokens.verify(token, NOW)).toBeDefined();
    expect(await tokens.verify(token, at(-5000))).toBeUndefined();
  });
});
