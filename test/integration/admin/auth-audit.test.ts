// Bearer auth on every route but the probes, named tokens as audit actors, audit.log lines, the OpenAPI document.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { adminSetup, TOKEN } from './admin-fixture.js';

const dirs: string[] = [];
afterEach(async () => {
  for (const d of dirs.splice(0)) await rm(d, { recursive: true, force: true });
});

const ROUTES: [string, string][] = [
  ['GET', '/admin/v1/vens'], ['GET', '/admin/v1/vens/x'], ['GET', '/admin/v1/vens/x/registration'], ['DELETE', '/admin/v1/vens/x/registration'],
  ['POST', '/admin/v1/vens/x/reregister'], ['GET', '/admin/v1/events'], ['POST', '/admin/v1/events'], ['POST', '/admin/v1/events/from-template'],
  ['GET', '/admin/v1/events/x'], ['PATCH', '/admin/v1/events/x'], ['POST', '/admin/v1/events/x/cancel'], ['GET', '/admin/v1/events/x/vens'],
  ['GET', '/admin/v1/reports/subscriptions'], ['GET', '/admin/v1/reports/offers'], ['GET', '/admin/v1/reports/values'], ['GET', '/admin/v1/reports/aggregate'],
  ['GET', '/admin/v1/rules'], ['POST', '/admin/v1/rules/reload'], ['GET', '/admin/v1/schedules'], ['POST', '/admin/v1/schedules/reload'],
  ['GET', '/admin/v1/schedules/next'], ['GET', '/admin/v1/decisions'], ['GET', '/admin/v1/decisions/x'], ['GET', '/admin/v1/health'], ['GET', '/metrics'],
];

describe('admin API: auth, audit, OpenAPI', () => {
  it('every API route is 401 without a token and with a wrong one', async () => {
    const f = await adminSetup();
    for (const [method, url] of ROUTES) {
      const none = await f.call(method, url, { headers: { authorization: '' } });
      expect(none.status, `${method} ${url}`).toBe(401);
      expect(none.json()).toEqual({ code: 'E_UNAUTHORIZED', message: 'send Authorization: Bearer <admin token>' });
      expect(none.headers['www-authenticate']).toMatch(/^Bearer/);
      const wrong = await f.call(method, url, { headers: { authorization: 'Bearer not-the-token-at-all' } });
      expect(wrong.status).toBe(401);
      expect(wrong.json().message).toBe('the bearer token is not valid');
    }
  });

  it('the OpenAPI document lists every admin route and no OpenADR route; the UI is served', async () => {
    const f = await adminSetup();
    const doc = (await f.call('GET', '/admin/openapi.json', { headers: { authorization: '' } })).json();
    expect(doc.openapi).toMatch(/^3\./);
    const paths = Object.keys(doc.paths);
    for (const [method, url] of ROUTES) {
      const param = url.startsWith('/admin/v1/decisions') ? '{id}' : url.startsWith('/admin/v1/vens') ? '{venId}' : '{eventId}';
      const templated = url.replace(/\/x(?=\/|$)/, `/${param}`);
      expect(paths, templated).toContain(templated);
      expect(doc.paths[templated][method.toLowerCase()], `${method} ${templated}`).toBeDefined();
    }
    expect(paths.some((p) => p.includes('OpenADR'))).toBe(false);
    expect(doc.components.securitySchemes.bearer).toEqual({ type: 'http', scheme: 'bearer' });
    const ui = await f.call('GET', '/admin/docs/', { headers: { authorization: '' } });
    expect(ui.status).toBe(200);
    expect(ui.body).toContain('swagger');
  });

  it('writes one JSON line per mutation to <dataDir>/audit.log with actor, method, path, body summary and result', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'vtn-audit-'));
    dirs.push(dataDir);
    const f = await adminSetup({ dataDir, config: { token: TOKEN, tokens: { alice: 'alice-token-0123456789' } } });
    const ven = await f.registeredVen();
    const start = new Date(f.clock.now().getTime() + 3_600_000).toISOString();
    const created = await f.call('POST', '/admin/v1/events', { payload: { venIds: [ven.venId], signalName: 'SIMPLE', dtstart: start, intervals: [{ duration: 'PT1H', payload: 1 }], vtnComment: 'x'.repeat(600) } });
    await f.call('POST', `/admin/v1/events/${created.json().eventId}/cancel`, { headers: { authorization: 'Bearer alice-token-0123456789' }, payload: { reason: 'test' } });
    await f.call('POST', '/admin/v1/vens/nope/reregister');
    await f.call('DELETE', `/admin/v1/vens/${ven.venId}/registration`, { headers: { authorization: 'Bearer wrong-token-000000000' } });
    await f.call('GET', '/admin/v1/events'); // reads are not audited

    const lines = (await readFile(join(dataDir, 'audit.log'), 'utf8')).trim().split('\n').map((l) => JSON.parse(l));
    expect(lines).toHaveLength(4);
    expect(lines.map((l) => [l.actor, l.method, l.path, l.result.status])).toEqual([
      ['admin', 'POST', '/admin/v1/events', 201],
      ['alice', 'POST', `/admin/v1/events/${created.json().eventId}/cancel`, 200],
      ['admin', 'POST', '/admin/v1/vens/nope/reregister', 404],
      ['anonymous', 'DELETE', `/admin/v1/vens/${ven.venId}/registration`, 401],
    ]);
    expect(lines[0].body).toMatch(/^\{"venIds":/);
    expect(lines[0].body).toMatch(/… \(\d+ characters\)$/);
    expect(lines[1].body).toBe('{"reason":"test"}');
    expect(lines[2].result.code).toBe('E_VEN_UNKNOWN');
    expect(lines[3].result.code).toBe('E_UNAUTHORIZED');
    for (const l of lines) expect(new Date(l.time).toISOString()).toBe(l.time);
  });

  it('without any token every route is open to local callers, who are audited as "local"', async () => {
    const f = await adminSetup({ config: {} });
    expect(f.admin.settings.host).toBe('127.0.0.1');
    const res = await f.call('POST', '/admin/v1/vens/nope/reregister', { headers: { authorization: '' } });
    expect(res.status).toBe(404);
    expect(f.admin.audit.recent.at(-1)).toMatchObject({ actor: 'local', result: { status: 404 } });
  });
});
