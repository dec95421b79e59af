import { describe, expect, it } from 'vitest';
import { resolveAdminSettings } from '../../../src/admin/admin-options.js';
import { VtnError } from '../../../src/errors.js';

const T = 'a'.repeat(16);

describe('resolveAdminSettings', () => {
  it('defaults to 127.0.0.1:8081 without auth', () => {
    expect(resolveAdminSettings({}, {})).toEqual({ host: '127.0.0.1', port: 8081, tokens: new Map() });
  });

  it('without a token a network address is replaced by loopback, and says which', () => {
    expect(resolveAdminSettings({ host: '0.0.0.0', port: 9000 }, {})).toEqual({ host: '127.0.0.1', port: 9000, tokens: new Map(), downgradedFrom: '0.0.0.0' });
  });

  it('with a token any address is kept; the token maps to actor "admin" and named tokens to their names', () => {
    const s = resolveAdminSettings({ host: '0.0.0.0', token: T, tokens: { bob: 'b'.repeat(20) } }, {});
    expect(s.host).toBe('0.0.0.0');
    expect([...s.tokens]).toEqual([[T, 'admin'], ['b'.repeat(20), 'bob']]);
  });

  it('VTN_ADMIN_TOKEN overrides the configured token', () => {
    const s = resolveAdminSettings({ token: T }, { VTN_ADMIN_TOKEN: 'e'.repeat(32) });
    expect([...s.tokens.keys()]).toEqual(['e'.repeat(32)]);
  });

  it('refuses short and repeated tokens with E_CONFIG', () => {
    expect(() => resolveAdminSettings({ token: 'short' }, {})).toThrow(/admin.token is 5 characters long; at least 16/);
    try {
      resolveAdminSettings({ token: T, tokens: { eve: T } }, {});
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(VtnError);
      expect((e as VtnError).code).toBe('E_CONFIG');
      expect((e as VtnError).message).toMatch(/admin.tokens.eve repeats another admin token/);
    }
  });
});
