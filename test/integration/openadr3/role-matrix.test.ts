// Every operation of openadr3.yaml × every kind of caller: the identity gate and the scopes decide before any
// handler runs (no token or a bad one → 401, a role without the operation's scope → 403, otherwise past the gate).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLE_SCOPES, grants, type ClientRole } from '../../../src/openadr3/auth/scopes.js';
import { operations, type Operation } from '../../../src/openadr3/spec/operations.js';
import { startOadr3Vtn, type Oadr3World } from '../../helpers/openadr3.js';

const AUTH = new Set(['getAuthServerInfo', 'fetchToken']);
const gated = operations().filter((op) => !AUTH.has(op.operationId));

function request(op: Operation, token?: string) {
  const params = Object.fromEntries([...op.path.matchAll(/\{(\w+)\}/g)].map((m) => [m[1]!, 'no-such-object']));
  return { ...(token ? { token } : {}), params, ...(op.requestSchema ? { body: {} } : {}) };
}

describe('OpenADR 3.1 role × operation matrix', () => {
  let world: Oadr3World;
  const tokens: Partial<Record<ClientRole, string>> = {};
  beforeAll(async () => {
    world = await startOadr3Vtn();
    tokens.bl = await world.tokenFor('matrix-bl', 'bl');
    tokens.ven = await world.tokenFor('matrix-ven', 'ven');
  });
  afterAll(() => world.close());

  it('covers every operation of the document but the two token endpoints', () => {
    expect(gated.length).toBeGreaterThanOrEqual(40);
  });

  it.each(gated.map((op) => [op.operationId, op] as const))('%s', async (_id, op) => {
    expect((await world.call(op.operationId, request(op))).status, 'no token').toBe(401);
    expect((await world.call(op.operationId, request(op, 'not.a.token'))).status, 'a forged token').toBe(401);
    for (const role of ['bl', 'ven'] as const) {
      const status = (await world.call(op.operationId, request(op, tokens[role]))).status;
      if (grants(new Set(ROLE_SCOPES[role]), op.scopes)) expect([401, 403], `${role} has ${op.scopes.join(' ')}`).not.toContain(status);
      else expect(status, `${role} lacks ${op.scopes.join(' ')}`).toBe(403);
    }
  });

  it('the document gives BL and VEN the split the README table says', () => {
    const allowed = (role: ClientRole) => gated.filter((op) => grants(new Set(ROLE_SCOPES[role]), op.scopes)).map((op) => op.operationId);
    expect(allowed('ven')).toEqual(expect.arrayContaining(['searchAllPrograms', 'searchAllEvents', 'createReport', 'createVen', 'createSubscription', 'createResource']));
    expect(allowed('ven')).not.toEqual(expect.arrayContaining(['createProgram']));
    expect(allowed('ven')).not.toContain('createEvent');
    expect(allowed('bl')).not.toContain('createReport');
    expect(allowed('bl')).toEqual(expect.arrayContaining(['createProgram', 'createEvent', 'deleteEvent', 'searchVens', 'createSubscription']));
  });
});
