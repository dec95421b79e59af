import { describe, expect, it } from 'vitest';
import { BearerAuth } from '../../../src/admin/auth.js';

describe('BearerAuth', () => {
  const auth = new BearerAuth(new Map([['token-one-0123456789', 'admin'], ['token-two-0123456789', 'alice']]));

  it('finds the actor of a known token, case-insensitive scheme', () => {
    expect(auth.actorFor('Bearer token-one-0123456789')).toBe('admin');
    expect(auth.actorFor('bearer token-two-0123456789')).toBe('alice');
  });

  it('refuses missing, malformed, other-scheme and unknown tokens', () => {
    for (const h of [undefined, '', 'token-one-0123456789', 'Basic dG9rZW4=', 'Bearer', 'Bearer token-one-012345678', 'Bearer a b']) {
      expect(auth.actorFor(h), String(h)).toBeUndefined();
    }
  });

  it('without tokens every caller is "local"', () => {
    const open = new BearerAuth(new Map());
    expect(open.enabled).toBe(false);
    expect(open.actorFor(undefined)).toBe('local');
  });
});
