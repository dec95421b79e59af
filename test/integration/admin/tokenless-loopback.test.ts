// Without a token the admin API answers only its own loopback origin: a DNS-rebinding Host, a page of another
// site and a cross-site text/plain "simple request" are refused and change nothing. Real HTTP.
import { describe, expect, it } from 'vitest';
import { AUTH } from './admin-fixture.js';
import { eventBody, listeningAdmin } from './admin-http.js';

const JSON_TYPE = { 'content-type': 'application/json' };

describe('tokenless admin API: loopback Host and own Origin only', () => {
  it('a DNS-rebinding Host (evil.example:PORT) gets 403 with how to fix it, for reads and writes; nothing changes', async () => {
    const f = await listeningAdmin({ tokenless: true });
    const ven = await f.registeredVen();
    const host = `evil.example:${f.port}`;
    const read = await f.http('GET', '/admin/v1/vens', { headers: { host } });
    const write = await f.http('POST', '/admin/v1/events', { headers: { host, ...JSON_TYPE }, body: eventBody(f, ven.venId!) });
    for (const res of [read, write]) {
      expect(res.status).toBe(403);
      expect(res.json().code).toBe('E_FORBIDDEN');
      expect(res.json().message).toContain(`Host "${host}" is not a loopback address`);
      expect(res.json().message).toContain(`open http://127.0.0.1:${f.port}`);
      expect(res.json().message).toContain('VTN_ADMIN_TOKEN');
    }
    expect((await f.http('GET', '/metrics', { headers: { host } })).status).toBe(403);
    expect(await f.vtn.listEvents()).toEqual([]);
  });

  it('a loopback name on another port is refused too (a proxy or rebinding on another port)', async () => {
    const f = await listeningAdmin({ tokenless: true });
    const res = await f.http('GET', '/admin/v1/vens', { headers: { host: `127.0.0.1:${f.port + 1}` } });
    expect(res.status).toBe(403);
  });

  it('a cross-site POST (Origin https://evil.example) with a loopback Host is refused and creates nothing', async () => {
    const f = await listeningAdmin({ tokenless: true });
    const ven = await f.registeredVen();
    const res = await f.http('POST', '/admin/v1/events', { headers: { origin: 'https://evil.example', ...JSON_TYPE }, body: eventBody(f, ven.venId!) });
    expect(res.status).toBe(403);
    expect(res.json().message).toContain('Origin "https://evil.example" is another site');
    const opaque = await f.http('POST', '/admin/v1/events', { headers: { origin: 'null', ...JSON_TYPE }, body: eventBody(f, ven.venId!) });
    expect(opaque.status).toBe(403);
    expect(await f.vtn.listEvents()).toEqual([]);
  });

  it('a cross-site text/plain POST is not parsed as JSON: 415, nothing created', async () => {
    const f = await listeningAdmin({ tokenless: true });
    const ven = await f.registeredVen();
    for (const type of ['text/plain', 'text/plain;charset=UTF-8', 'application/x-www-form-urlencoded']) {
      const res = await f.http('POST', '/admin/v1/events', { headers: { 'content-type': type }, body: eventBody(f, ven.venId!) });
      expect(res.status, type).toBe(415);
      expect(res.json()).toEqual({ code: 'E_UNSUPPORTED_MEDIA_TYPE', message: `the body must be JSON sent with Content-Type: application/json (got ${type})` });
    }
    expect(await f.vtn.listEvents()).toEqual([]);
  });

  it('its own origin works: Host 127.0.0.1, localhost or [::1] with its port, Origin the same', async () => {
    const f = await listeningAdmin({ tokenless: true });
    const ven = await f.registeredVen();
    for (const name of ['127.0.0.1', 'localhost', 'LOCALHOST', '[::1]']) {
      const res = await f.http('GET', '/admin/v1/vens', { headers: { host: `${name}:${f.port}` } });
      expect(res.status, name).toBe(200);
    }
    const created = await f.http('POST', '/admin/v1/events', { headers: { origin: `http://127.0.0.1:${f.port}`, ...JSON_TYPE }, body: eventBody(f, ven.venId!) });
    expect(created.status).toBe(201);
    expect(f.admin.audit.recent.at(-1)).toMatchObject({ actor: 'local', path: '/admin/v1/events', result: { status: 201 } });
  });

  it('with a token, bearer auth decides as before: any Host with the token is answered', async () => {
    const f = await listeningAdmin();
    expect((await f.http('GET', '/admin/v1/vens', { headers: { host: 'vtn.example.org', ...AUTH } })).status).toBe(200);
    expect((await f.http('GET', '/admin/v1/vens', { headers: { host: 'vtn.example.org' } })).status).toBe(401);
  });
});
