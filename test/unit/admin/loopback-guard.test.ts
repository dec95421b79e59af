import { describe, expect, it } from 'vitest';
import { loopbackRefusal, splitHost } from '../../../src/admin/loopback-guard.js';

const local = { address: '127.0.0.1', port: 8081 };

describe('tokenless loopback rule', () => {
  it('splits Host into name and port, IPv6 in brackets', () => {
    expect(splitHost('LocalHost:8081')).toEqual({ name: 'localhost', port: '8081' });
    expect(splitHost('[::1]:8081')).toEqual({ name: '[::1]', port: '8081' });
    expect(splitHost('127.0.0.1')).toEqual({ name: '127.0.0.1', port: undefined });
  });

  it('accepts loopback names with the port the request came in on, and the own origin', () => {
    for (const host of ['127.0.0.1:8081', 'localhost:8081', '[::1]:8081']) {
      expect(loopbackRefusal({ host }, local), host).toBeUndefined();
      expect(loopbackRefusal({ host, origin: `http://${host}` }, local), host).toBeUndefined();
    }
  });

  it('accepts the bound loopback address (127.0.0.2, ::1) and port 80 left out', () => {
    expect(loopbackRefusal({ host: '127.0.0.2:8081' }, { address: '127.0.0.2', port: 8081 })).toBeUndefined();
    expect(loopbackRefusal({ host: '127.0.0.2:8081' }, local)).toMatch(/not a loopback address/);
    expect(loopbackRefusal({ host: '[::1]:9' }, { address: '::1', port: 9 })).toBeUndefined();
    expect(loopbackRefusal({ host: 'localhost' }, { address: '127.0.0.1', port: 80 })).toBeUndefined();
    expect(loopbackRefusal({ host: 'localhost' }, local)).toMatch(/not a loopback address/);
  });

  it('refuses rebinding names, other ports, foreign or opaque origins, with the fix in the reason', () => {
    for (const host of ['evil.example:8081', '127.0.0.1.evil.example:8081', 'localhost.:8081', '127.0.0.1:8082', '', 'localhost:8081:1']) {
      const reason = loopbackRefusal({ host }, local);
      expect(reason, host).toMatch(/not a loopback address/);
      expect(reason).toContain('open http://127.0.0.1:8081');
      expect(reason).toContain('admin.token / VTN_ADMIN_TOKEN');
    }
    for (const origin of ['https://evil.example', 'null', 'http://localhost:8081', 'https://127.0.0.1:8081']) {
      expect(loopbackRefusal({ host: '127.0.0.1:8081', origin }, local), origin).toMatch(/is another site/);
    }
  });

  it('never echoes a huge Host or Origin', () => {
    const reason = loopbackRefusal({ host: 'h'.repeat(900_000) }, local)!;
    expect(reason.length).toBeLessThan(500);
    expect(reason).toContain('(900000 characters)');
  });
});
