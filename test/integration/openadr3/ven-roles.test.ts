// Role × operation for vens, resources and reports: BL, the owning VEN, another VEN, a VEN without write scopes,
// a forged token and no token, each answered with the document's code and a body valid against openadr3.yaml.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startOadr3Vtn, type Oadr3World } from '../../helpers/openadr3.js';

type Who = 'bl' | 'owner' | 'other' | 'readOnly' | 'forged' | 'none';

describe('OpenADR 3.1 vens/resources/reports: role matrix', () => {
  let world: Oadr3World;
  const tokens = {} as Record<Who, string | undefined>;
  const ids = { ven: '', resource: '', report: '', event: '' };
  beforeAll(async () => {
    world = await startOadr3Vtn({ vtn: { openEnrollment: true } });
    tokens.bl = await world.tokenFor('bl', 'bl');
    tokens.owner = await world.tokenFor('owner', 'ven');
    tokens.other = await world.tokenFor('other', 'ven');
    const { clientID, secret } = world.addClient('read only', 'ven', ['read_targets', 'read_ven_objects']);
    const res = await fetch(`${world.base}/auth/token`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ grant_type: 'client_credentials', client_id: clientID, client_secret: secret }) });
    tokens.readOnly = ((await res.json()) as { access_token: string }).access_token;
    const [head, payload] = tokens.bl.split('.');
    tokens.forged = `${head}.${payload}.${'A'.repeat(43)}`;
    tokens.none = undefined;
    ({ eventId: ids.event } = await world.vtn.addEvent({ venIds: ['x'], signalName: 'SIMPLE', dtstart: new Date(Date.now() + 3_600_000), intervals: [{ duration: 'PT1H', payload: 1 }] }));
    ids.ven = (await world.call<{ id: string }>('createVen', { token: tokens.owner, body: { objectType: 'VEN_VEN_REQUEST', venName: 'owner-ven' } })).body.id;
    await world.call('createVen', { token: tokens.other, body: { objectType: 'VEN_VEN_REQUEST', venName: 'other-ven' } });
    ids.resource = (await world.call<{ id: string }>('createResource', { token: tokens.owner, body: { objectType: 'VEN_RESOURCE_REQUEST', resourceName: 'r1', venID: ids.ven } })).body.id;
    ids.report = (await world.call<{ id: string }>('createReport', { token: tokens.owner, body: report() })).body.id;
  });
  afterAll(() => world.close());

  const report = () => ({ eventID: ids.event, clientName: 'owner', resources: [{ resourceName: 'r1', intervals: [{ id: 0, payloads: [{ type: 'USAGE', values: [1] }] }] }] });
  const venBody = (who: Who) => (who === 'bl' ? { objectType: 'BL_VEN_REQUEST', clientID: 'owner', venName: 'owner-ven' } : { objectType: 'VEN_VEN_REQUEST', venName: 'owner-ven' });
  const resourceBody = (who: Who) => (who === 'bl'
    ? { objectType: 'BL_RESOURCE_REQUEST', clientID: 'owner', resourceName: 'r1', venID: ids.ven }
    : { objectType: 'VEN_RESOURCE_REQUEST', resourceName: 'r1', venID: ids.ven });

  // operation, how to call it, expected status per requester
  const matrix: [string, (who: Who) => { params?: Record<string, string>; body?: unknown }, Record<Who, number>][] = [
    ['searchVens', () => ({}), { bl: 200, owner: 200, other: 200, readOnly: 200, forged: 401, none: 401 }],
    ['searchVenByID', () => ({ params: { venID: ids.ven } }), { bl: 200, owner: 200, other: 404, readOnly: 404, forged: 401, none: 401 }],
    ['updateVen', (who) => ({ params: { venID: ids.ven }, body: venBody(who) }), { bl: 200, owner: 200, other: 404, readOnly: 403, forged: 401, none: 401 }],
    ['createVen', () => ({ body: { objectType: 'VEN_VEN_REQUEST', venName: 'a-new-ven' } }), { bl: 400, owner: 409, other: 409, readOnly: 403, forged: 401, none: 401 }],
    ['searchVenResources', () => ({}), { bl: 200, owner: 200, other: 200, readOnly: 200, forged: 401, none: 401 }],
    ['searchVenResourceByID', () => ({ params: { resourceID: ids.resource } }), { bl: 200, owner: 200, other: 404, readOnly: 404, forged: 401, none: 401 }],
    ['updateVenResource', (who) => ({ params: { resourceID: ids.resource }, body: resourceBody(who) }), { bl: 200, owner: 200, other: 404, readOnly: 403, forged: 401, none: 401 }],
    ['createResource', (who) => ({ body: { ...resourceBody(who), resourceName: `r-${who}` } }), { bl: 201, owner: 201, other: 404, readOnly: 403, forged: 401, none: 401 }],
    ['searchAllReports', () => ({}), { bl: 200, owner: 200, other: 200, readOnly: 200, forged: 401, none: 401 }],
    ['searchReportsByReportID', () => ({ params: { reportID: ids.report } }), { bl: 200, owner: 200, other: 404, readOnly: 404, forged: 401, none: 401 }],
    ['updateReport', () => ({ params: { reportID: ids.report }, body: report() }), { bl: 403, owner: 200, other: 404, readOnly: 403, forged: 401, none: 401 }],
    ['createReport', () => ({ body: report() }), { bl: 403, owner: 201, other: 201, readOnly: 403, forged: 401, none: 401 }],
  ];

  for (const [op, request, expected] of matrix) {
    it(`${op}: ${Object.entries(expected).map(([w, s]) => `${w} ${s}`).join(', ')}`, async () => {
      const got: Record<string, number> = {};
      for (const who of Object.keys(expected) as Who[]) {
        const token = tokens[who];
        got[who] = (await world.call(op, { ...(token ? { token } : {}), ...request(who) })).status;
      }
      expect(got).toEqual(expected);
    });
  }

  it('lists hold only what each requester may see', async () => {
    const names = async (who: Who) => (await world.call<{ venName: string }[]>('searchVens', { token: tokens[who]! })).body.map((v) => v.venName).sort();
    expect(await names('bl')).toEqual(['other-ven', 'owner-ven']);
    expect(await names('owner')).toEqual(['owner-ven']);
    expect(await names('other')).toEqual(['other-ven']);
    expect(await names('readOnly')).toEqual([]);
    const reports = async (who: Who) => (await world.call<{ clientID: string }[]>('searchAllReports', { token: tokens[who]! })).body.map((r) => r.clientID).sort();
    expect(await reports('other')).toEqual(['other']);
    expect(await reports('bl')).toEqual(['other', 'owner', 'owner']);
  });
});
