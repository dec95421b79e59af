// The audit line follows the route fastify matched (percent-decoded), is on disk before the reply, and is
// written for every mutating call — refused and failed ones too. Real HTTP against a listening admin server.
import { mkdirSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { AUTH } from './admin-fixture.js';
import { eventBody, listeningAdmin } from './admin-http.js';
import { ANONYMOUS_REFUSALS_PER_MINUTE } from '../../../src/admin/audit-hooks.js';

const dirs: string[] = [];
afterEach(async () => {
  for (const d of dirs.splice(0)) await rm(d, { recursive: true, force: true });
});

async function auditedAdmin() {
  const dataDir = await mkdtemp(join(tmpdir(), 'vtn-audit-http-'));
  dirs.push(dataDir);
  const f = await listeningAdmin({ dataDir });
  const lines = () => readFileSync(join(dataDir, 'audit.log'), 'utf8').trim().split('\n').filter(Boolean).map((l) => JSON.parse(l));
  return { f, dataDir, lines };
}

const JSON_AUTH = { ...AUTH, 'content-type': 'application/json' };

describe('admin audit over HTTP', () => {
  it('POST /%61dmin/v1/events is audited as /admin/v1/events, and the line is on disk when the reply arrives', async () => {
    const { f, lines } = await auditedAdmin();
    const ven = await f.registeredVen();
    const res = await f.http('POST', '/%61dmin/v1/events', { headers: JSON_AUTH, body: eventBody(f, ven.venId!) });
    expect(res.status).toBe(201);
    // Read synchronously on receipt: a line written after the reply (onResponse) would not be there yet.
    const written = lines();
    expect(written).toHaveLength(1);
    expect(written[0]).toMatchObject({ actor: 'admin', method: 'POST', path: '/admin/v1/events', route: '/admin/v1/events', result: { status: 201 } });
    expect(await f.vtn.listEvents()).toHaveLength(1);
  });

  it('percent-encoded segments are logged decoded, with the route pattern they matched', async () => {
    const { f, lines } = await auditedAdmin();
    const res = await f.http('POST', '/admin/v1/vens/%6Eo%20such/reregister', { headers: AUTH });
    expect(res.status).toBe(404);
    expect(lines()[0]).toMatchObject({ path: '/admin/v1/vens/no such/reregister', route: '/admin/v1/vens/:venId/reregister', result: { status: 404, code: 'E_VEN_UNKNOWN' } });
  });

  it('refused mutating calls are audited with their status: wrong token, text/plain body, unknown route', async () => {
    const { f, lines } = await auditedAdmin();
    const ven = await f.registeredVen();
    const wrong = await f.http('DELETE', `/%61dmin/v1/vens/${ven.venId}/registration`, { headers: { authorization: 'Bearer not-the-token-at-all' } });
    const plain = await f.http('POST', '/admin/v1/events', { headers: { ...AUTH, 'content-type': 'text/plain' }, body: eventBody(f, ven.venId!) });
    const nowhere = await f.http('PUT', '/admin/v1/%6Eowhere', { headers: AUTH });
    expect([wrong.status, plain.status, nowhere.status]).toEqual([401, 415, 404]);
    expect(lines().map((l) => [l.actor, l.method, l.path, l.result.status, l.result.code])).toEqual([
      ['anonymous', 'DELETE', `/admin/v1/vens/${ven.venId}/registration`, 401, 'E_UNAUTHORIZED'],
      ['admin', 'POST', '/admin/v1/events', 415, 'E_UNSUPPORTED_MEDIA_TYPE'],
      ['admin', 'PUT', '/admin/v1/nowhere', 404, 'E_NOT_FOUND'],
    ]);
    expect((await f.vtn.listVens()).map((v) => v.venId)).toEqual([ven.venId]);
    expect(await f.vtn.listEvents()).toEqual([]);
  });

  it('concurrent mutations: each reply finds its own line already written, one line per request', async () => {
    const { f, lines } = await auditedAdmin();
    const paths = Array.from({ length: 12 }, (_, i) => `/admin/v1/vens/ven-${i}/reregister`);
    const seen = await Promise.all(paths.map(async (p) => {
      await f.http('POST', p, { headers: AUTH });
      return lines().some((l) => l.path === p);
    }));
    expect(seen.every(Boolean)).toBe(true);
    expect(lines().map((l) => l.path).sort()).toEqual([...paths].sort());
  });

  it('an audit line that cannot be written turns the reply into a 500 that says so', async () => {
    const { f, dataDir } = await auditedAdmin();
    mkdirSync(join(dataDir, 'audit.log')); // a folder where the file should be: every append fails
    const res = await f.http('POST', '/admin/v1/vens/x/reregister', { headers: AUTH });
    expect(res.status).toBe(500);
    expect(res.json()).toMatchObject({ code: 'E_INTERNAL' });
    expect(res.json().message).toMatch(/audit line .* could not be written/);
  });

  it('a flood of wrong-token mutations costs at most 60 audit lines a minute and a count, never the disk; operators are still audited', async () => {
    const { f, lines } = await auditedAdmin();
    const ven = await f.registeredVen();
    const flood = 150;
    for (let i = 0; i < flood; i += 1) {
      const res = await f.http('DELETE', `/admin/v1/vens/${ven.venId}/registration`, { headers: { authorization: `Bearer stranger-${i}` } });
      expect(res.status).toBe(401);
    }
    const anonymous = () => lines().filter((l) => l.actor === 'anonymous');
    expect(anonymous()).toHaveLength(ANONYMOUS_REFUSALS_PER_MINUTE);
    // An identified operator's call is written whatever the flood did.
    await f.http('POST', '/admin/v1/vens/no-such/reregister', { headers: AUTH });
    expect(lines().at(-1)).toMatchObject({ actor: 'admin', path: '/admin/v1/vens/no-such/reregister' });
    // A minute later the next stranger's line says how many were left out.
    f.clock.advance(60_000);
    await f.http('DELETE', `/admin/v1/vens/${ven.venId}/registration`, { headers: { authorization: 'Bearer late' } });
    expect(anonymous().at(-1)).toMatchObject({ result: { status: 401 }, suppressedBefore: flood - ANONYMOUS_REFUSALS_PER_MINUTE });
    expect((await f.vtn.listVens()).map((v) => v.venId)).toEqual([ven.venId]);
  });
});
