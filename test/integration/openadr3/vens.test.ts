// /vens and /resources: CRUD with every answer checked against openadr3.yaml, object privacy by clientID,
// BL-only targets, unique names, the registration policy deciding a VEN client's ven object, per-client caps.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AdminServer } from '../../../src/admin/index.js';
import type { RegistrationDecision, RegistrationInfo } from '../../../src/vtn/handlers.js';
import { REFUSALS, type RefusalRecord } from '../../../src/vtn/refusal-records.js';
import { startOadr3Vtn, type Oadr3World } from '../../helpers/openadr3.js';

interface Obj { id: string; clientID: string; objectType: string; targets?: string[] | null; venName?: string; resourceName?: string; venID?: string; createdDateTime: string; modificationDateTime: string }

describe('OpenADR 3.1 vens and resources', () => {
  let world: Oadr3World;
  const asked: RegistrationInfo[] = [];
  let clock = new Date('2026-06-01T12:00:00Z');
  beforeAll(async () => {
    world = await startOadr3Vtn({ vtn: { now: () => clock }, openadr3: { limits: { resourcesPerVen: 3 } } });
    // The registration policy: refuse VEN clients whose venName starts with "rogue".
    world.vtn.addHandler('onCreatePartyRegistration', (info: RegistrationInfo): RegistrationDecision => {
      asked.push(info);
      return info.venName?.startsWith('rogue') ? { reject: true, code: 463, reason: 'not in the enrollment list' } : {};
    });
  });
  afterAll(() => world.close());

  const venA = () => world.tokenFor('ven-a', 'ven');
  const venB = () => world.tokenFor('ven-b', 'ven');
  const bl = () => world.tokenFor('business', 'bl');

  it('a VEN client creates its ven object: the VTN writes metadata and its clientID, the policy is asked', async () => {
    const token = await venA();
    const res = await world.call<Obj>('createVen', { token, body: { objectType: 'VEN_VEN_REQUEST', venName: 'ven-a-site', id: 'mine', createdDateTime: '2000-01-01T00:00:00Z' } });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ objectType: 'VEN', clientID: 'ven-a', venName: 'ven-a-site', createdDateTime: '2026-06-01T12:00:00.000Z' });
    expect(res.body.id).not.toBe('mine');
    expect(asked.at(-1)).toMatchObject({ venName: 'ven-a-site', clientId: 'ven-a', role: 'ven', profileName: '3.1' });
    const again = await world.call('createVen', { token, body: { objectType: 'VEN_VEN_REQUEST', venName: 'second-name' } });
    expect(again.status).toBe(409);
  });

  it('the registration policy refuses a VEN client: 403 Problem, nothing stored, counted in the refusal book', async () => {
    const token = await world.tokenFor('rogue-client', 'ven');
    const res = await world.call<{ detail: string }>('createVen', { token, body: { objectType: 'VEN_VEN_REQUEST', venName: 'rogue-1' } });
    expect(res.status).toBe(403);
    expect(res.body.detail).toContain('not in the enrollment list');
    const listed = await world.call<Obj[]>('searchVens', { token: await bl(), query: { venName: 'rogue-1' } });
    expect(listed.body).toEqual([]);
    await world.vtn.ctx.refusals.flush();
    const book = await world.vtn.store.unit((u) => u.collection<RefusalRecord>(REFUSALS).list());
    expect(book.map((r) => r.value)).toEqual([expect.objectContaining({ name: 'rogue-1', count: 1, lastCode: 463, lastReason: 'not in the enrollment list' })]);
  });

  it('venName is unique on the VTN (409), and BL creating a ven names the clientID', async () => {
    const token = await bl();
    const taken = await world.call('createVen', { token, body: { objectType: 'BL_VEN_REQUEST', clientID: 'someone', venName: 'ven-a-site' } });
    expect(taken.status).toBe(409);
    const noClient = await world.call('createVen', { token, body: { objectType: 'VEN_VEN_REQUEST', venName: 'bl-made' } });
    expect(noClient.status).toBe(400);
    const made = await world.call<Obj>('createVen', { token, body: { objectType: 'BL_VEN_REQUEST', clientID: 'ven-b', venName: 'ven-b-site', targets: ['feeder-7'] } });
    expect(made.status).toBe(201);
    expect(made.body).toMatchObject({ clientID: 'ven-b', targets: ['feeder-7'] });
  });

  it('concurrent creates of one venName: exactly one wins, the others answer 409', async () => {
    const racers = await Promise.all([1, 2, 3, 4, 5].map((i) => world.tokenFor(`racer-${i}`, 'ven')));
    const answers = await Promise.all(racers.map((token) => world.call('createVen', { token, body: { objectType: 'VEN_VEN_REQUEST', venName: 'contested' } })));
    expect(answers.map((a) => a.status).sort()).toEqual([201, 409, 409, 409, 409]);
    const winner = answers.find((a) => a.status === 201)!.body as Obj;
    // Its name is free again once it is deleted, and the claim follows a rename.
    const winnerToken = racers[answers.indexOf(answers.find((a) => a.status === 201)!)]!;
    expect((await world.call('updateVen', { token: winnerToken, params: { venID: winner.id }, body: { objectType: 'VEN_VEN_REQUEST', venName: 'contested-2' } })).status).toBe(200);
    expect((await world.call('createVen', { token: racers.find((t) => t !== winnerToken)!, body: { objectType: 'VEN_VEN_REQUEST', venName: 'contested' } })).status).toBe(201);
    expect((await world.call('deleteVen', { token: winnerToken, params: { venID: winner.id } })).status).toBe(200);
    expect((await world.call('createVen', { token: winnerToken, body: { objectType: 'VEN_VEN_REQUEST', venName: 'contested-2' } })).status).toBe(201);
    const bl = await world.tokenFor('business', 'bl');
    for (const v of (await world.call<Obj[]>('searchVens', { token: bl })).body.filter((o) => o.venName?.startsWith('contested'))) {
      await world.call('deleteVen', { token: bl, params: { venID: v.id } });
    }
  });

  it('a VEN client sees and edits only its own ven object; another VEN gets 404 and an empty list', async () => {
    const a = await venA();
    const b = await venB();
    const [mine] = (await world.call<Obj[]>('searchVens', { token: a })).body;
    expect(mine).toMatchObject({ venName: 'ven-a-site' });
    const bList = await world.call<Obj[]>('searchVens', { token: b });
    expect(bList.body.map((v) => v.venName)).toEqual(['ven-b-site']);
    expect((await world.call<Obj[]>('searchVens', { token: b, query: { venName: 'ven-a-site' } })).body).toEqual([]);
    expect((await world.call('searchVenByID', { token: b, params: { venID: mine!.id } })).status).toBe(404);
    expect((await world.call('updateVen', { token: b, params: { venID: mine!.id }, body: { objectType: 'VEN_VEN_REQUEST', venName: 'stolen' } })).status).toBe(404);
    expect((await world.call('deleteVen', { token: b, params: { venID: mine!.id } })).status).toBe(404);
    expect((await world.call<Obj>('searchVenByID', { token: a, params: { venID: mine!.id } })).body.venName).toBe('ven-a-site');
    const all = await world.call<Obj[]>('searchVens', { token: await bl() });
    expect(all.body.map((v) => v.venName).sort()).toEqual(['ven-a-site', 'ven-b-site']);
  });

  it('only BL writes targets; a VEN update keeps the targets BL granted', async () => {
    const b = await venB();
    const [mine] = (await world.call<Obj[]>('searchVens', { token: b })).body;
    const grab = await world.call('updateVen', { token: b, params: { venID: mine!.id }, body: { objectType: 'VEN_VEN_REQUEST', venName: 'ven-b-site', targets: ['everything'] } });
    expect(grab.status).toBe(403);
    const asBl = await world.call('updateVen', { token: b, params: { venID: mine!.id }, body: { objectType: 'BL_VEN_REQUEST', clientID: 'ven-b', venName: 'ven-b-site', targets: ['everything'] } });
    expect(asBl.status).toBe(403);
    clock = new Date(clock.getTime() + 60_000);
    const renamed = await world.call<Obj>('updateVen', { token: b, params: { venID: mine!.id }, body: { objectType: 'VEN_VEN_REQUEST', venName: 'ven-b-renamed' } });
    expect(renamed.status).toBe(200);
    expect(renamed.body).toMatchObject({ venName: 'ven-b-renamed', targets: ['feeder-7'], clientID: 'ven-b', createdDateTime: mine!.createdDateTime, modificationDateTime: '2026-06-01T12:01:00.000Z' });
    const byTarget = await world.call<Obj[]>('searchVens', { token: await bl(), query: { targets: ['feeder-7'] } });
    expect(byTarget.body.map((v) => v.venName)).toEqual(['ven-b-renamed']);
    expect((await world.call<Obj[]>('searchVens', { token: await bl(), query: { targets: ['feeder-7', 'other'] } })).body).toEqual([]);
  });

  it('a VEN client renaming its ven asks the registration policy: a refused name is 403 and the ven keeps its name; BL renames freely', async () => {
    const b = await venB();
    const [mine] = (await world.call<Obj[]>('searchVens', { token: b })).body;
    const before = asked.length;
    const refused = await world.call<{ detail: string }>('updateVen', { token: b, params: { venID: mine!.id }, body: { objectType: 'VEN_VEN_REQUEST', venName: 'rogue-rename' } });
    expect(refused.status).toBe(403);
    expect(refused.body.detail).toContain('not in the enrollment list');
    expect(asked.at(-1)).toMatchObject({ venName: 'rogue-rename', clientId: 'ven-b', role: 'ven' });
    expect((await world.call<Obj>('searchVenByID', { token: b, params: { venID: mine!.id } })).body.venName).toBe(mine!.venName);
    // Keeping the name (e.g. to change attributes) is no new application.
    const asked2 = asked.length;
    expect((await world.call('updateVen', { token: b, params: { venID: mine!.id }, body: { objectType: 'VEN_VEN_REQUEST', venName: mine!.venName } })).status).toBe(200);
    expect(asked.length).toBe(asked2);
    expect(asked2).toBe(before + 1);
    const byBl = await world.call<Obj>('updateVen', { token: await bl(), params: { venID: mine!.id }, body: { objectType: 'BL_VEN_REQUEST', clientID: 'ven-b', venName: 'rogue-by-bl', targets: mine!.targets ?? null } });
    expect(byBl.status).toBe(200);
    expect(asked.length).toBe(asked2);
    await world.call('updateVen', { token: await bl(), params: { venID: mine!.id }, body: { objectType: 'BL_VEN_REQUEST', clientID: 'ven-b', venName: mine!.venName, targets: mine!.targets ?? null } });
  });

  it('resources: a VEN creates them on its own ven only, names are unique per ven, the cap answers 409', async () => {
    const a = await venA();
    const b = await venB();
    const [venOfA] = (await world.call<Obj[]>('searchVens', { token: a })).body;
    const [venOfB] = (await world.call<Obj[]>('searchVens', { token: b })).body;
    const body = (name: string, venID = venOfA!.id) => ({ objectType: 'VEN_RESOURCE_REQUEST', resourceName: name, venID });
    const first = await world.call<Obj>('createResource', { token: a, body: body('battery-1') });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ objectType: 'RESOURCE', clientID: 'ven-a', resourceName: 'battery-1', venID: venOfA!.id });
    expect((await world.call('createResource', { token: a, body: body('battery-1') })).status).toBe(409);
    expect((await world.call('createResource', { token: a, body: body('on-b', venOfB!.id) })).status).toBe(404);
    expect((await world.call('createResource', { token: a, body: { ...body('targeted'), targets: ['x'] } })).status).toBe(403);
    expect((await world.call('createResource', { token: a, body: body('battery-2') })).status).toBe(201);
    expect((await world.call('createResource', { token: a, body: body('battery-3') })).status).toBe(201);
    const over = await world.call<{ detail: string }>('createResource', { token: a, body: body('battery-4') });
    expect(over.status).toBe(409);
    expect(over.body.detail).toContain('resourcesPerVen');
    // BL is not capped, and grants targets.
    const blMade = await world.call<Obj>('createResource', { token: await bl(), body: { objectType: 'BL_RESOURCE_REQUEST', clientID: 'ven-a', resourceName: 'meter', venID: venOfA!.id, targets: ['feeder-7'] } });
    expect(blMade.status).toBe(201);
    const wrongOwner = await world.call('createResource', { token: await bl(), body: { objectType: 'BL_RESOURCE_REQUEST', clientID: 'ven-b', resourceName: 'meter-2', venID: venOfA!.id } });
    expect(wrongOwner.status).toBe(400);
  });

  it('resources: privacy, filters and paging, update keeps BL targets, delete', async () => {
    const a = await venA();
    const b = await venB();
    const mine = (await world.call<Obj[]>('searchVenResources', { token: a })).body;
    expect(mine.map((r) => r.resourceName).sort()).toEqual(['battery-1', 'battery-2', 'battery-3', 'meter']);
    expect((await world.call<Obj[]>('searchVenResources', { token: b })).body).toEqual([]);
    expect((await world.call<Obj[]>('searchVenResources', { token: a, query: { resourceName: 'meter' } })).body).toHaveLength(1);
    expect((await world.call<Obj[]>('searchVenResources', { token: a, query: { targets: ['feeder-7'] } })).body.map((r) => r.resourceName)).toEqual(['meter']);
    const page = await world.call<Obj[]>('searchVenResources', { token: await bl(), query: { venID: mine[0]!.venID!, skip: '1', limit: '2' } });
    expect(page.body).toHaveLength(2);
    expect((await world.call('searchVenResources', { token: a, query: { limit: '51' } })).status).toBe(400);
    const meter = mine.find((r) => r.resourceName === 'meter')!;
    expect((await world.call('searchVenResourceByID', { token: b, params: { resourceID: meter.id } })).status).toBe(404);
    expect((await world.call('deleteVenResource', { token: b, params: { resourceID: meter.id } })).status).toBe(404);
    const upd = await world.call<Obj>('updateVenResource', { token: a, params: { resourceID: meter.id }, body: { objectType: 'VEN_RESOURCE_REQUEST', resourceName: 'main-meter', venID: meter.venID } });
    expect(upd.status).toBe(200);
    expect(upd.body).toMatchObject({ resourceName: 'main-meter', targets: ['feeder-7'], clientID: 'ven-a' });
    expect((await world.call('updateVenResource', { token: a, params: { resourceID: meter.id }, body: { objectType: 'VEN_RESOURCE_REQUEST', resourceName: 'battery-1', venID: meter.venID } })).status).toBe(409);
    const del = await world.call<Obj>('deleteVenResource', { token: a, params: { resourceID: meter.id } });
    expect(del.status).toBe(200);
    expect((await world.call('searchVenResourceByID', { token: a, params: { resourceID: meter.id } })).status).toBe(404);
  });

  it('deleting a ven deletes its resources; a VEN client may then create its ven again', async () => {
    const a = await venA();
    const [mine] = (await world.call<Obj[]>('searchVens', { token: a })).body;
    const del = await world.call<Obj>('deleteVen', { token: a, params: { venID: mine!.id } });
    expect(del.status).toBe(200);
    expect((await world.call<Obj[]>('searchVenResources', { token: await bl(), query: { venID: mine!.id } })).body).toEqual([]);
    expect((await world.call('createVen', { token: a, body: { objectType: 'VEN_VEN_REQUEST', venName: 'ven-a-site' } })).status).toBe(201);
  });

  it('lists every ven object for the operator in GET /admin/v1/openadr3/vens, with targets and resource counts, paged by id', async () => {
    const token = 'vens-admin-token-0123456789abcdef';
    const admin = new AdminServer({ vtn: world.vtn, config: { token }, processMetrics: false, env: {} });
    try {
      const ven = (await world.call<Obj>('createVen', { token: await bl(), body: { objectType: 'BL_VEN_REQUEST', clientID: 'listed', venName: 'listed-site', targets: ['feeder-a'] } })).body;
      await world.call('createResource', { token: await bl(), body: { objectType: 'BL_RESOURCE_REQUEST', clientID: 'listed', resourceName: 'meter', venID: ven.id } });
      const list = async (query: string) => {
        const res = await admin.app.inject({ method: 'GET', url: `/admin/v1/openadr3/vens${query}`, headers: { authorization: `Bearer ${token}` } });
        expect(res.statusCode, res.body).toBe(200);
        return res.json() as (Obj & { resources: number })[];
      };
      const all = await list('?limit=1000');
      expect(all.find((v) => v.id === ven.id)).toEqual({
        id: ven.id, venName: 'listed-site', clientID: 'listed', targets: ['feeder-a'], resources: 1, createdDateTime: ven.createdDateTime, modificationDateTime: ven.modificationDateTime,
      });
      expect(all.map((v) => v.id)).toEqual([...all.map((v) => v.id)].sort());
      expect(all.length).toBeGreaterThan(1);
      expect((await list(`?after=${encodeURIComponent(all[0]!.id)}&limit=1`)).map((v) => v.id)).toEqual([all[1]!.id]);
      expect((await admin.app.inject({ method: 'GET', url: '/admin/v1/openadr3/vens' })).statusCode).toBe(401);
    } finally {
      await admin.close();
    }
  });
});
