// GET /events answers from a per-instance index of the live events and a per-client cache of grants
// (objects/event-index.ts, objects/target-grants.ts), both dropped by the store's change notices: whatever changes
// an event or a grant — the admin API, an embedder's (rule's) modifyEvent, a cancel, retention, BL rewriting a ven
// object or adding a resource, another instance on the same PostgreSQL — shows at the next read. Retention takes
// an archived event's 3.1 extras with it.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { AdminServer } from '../../../src/admin/index.js';
import { OA3 } from '../../../src/openadr3/objects/oa3-collections.js';
import { describePostgres } from '../../helpers/postgres.js';
import { startOadr3Vtn, type Oadr3World } from '../../helpers/openadr3.js';
import { until } from '../multi-instance/until.js';

interface Event { id: string; eventName?: string; priority?: number; targets?: string[]; modificationDateTime: string }

const ADMIN_TOKEN = 'event-reads-admin-token-0123456789';
const HOUR = 3_600_000;
const T0 = Date.parse('2026-06-01T12:00:00Z');
const body = (start: number, targets: string[], eventName: string) => ({
  programID: 'default', eventName, priority: 0, targets, intervalPeriod: { start: new Date(start).toISOString(), duration: 'PT1H' },
  intervals: [{ id: 0, payloads: [{ type: 'SIMPLE', values: [1] }] }],
});

/** The events `token` reads asking for `targets`, by id. */
async function readBy(world: Oadr3World, token: string, targets: string[]): Promise<Map<string, Event>> {
  const res = await world.call<Event[]>('searchAllEvents', { token, query: { targets } });
  expect(res.status).toBe(200);
  return new Map(res.body.map((e) => [e.id, e]));
}

describe('OpenADR 3.1 GET /events after changes made elsewhere', () => {
  let world: Oadr3World;
  let admin: AdminServer;
  let now = T0;
  beforeAll(async () => {
    world = await startOadr3Vtn({
      vtn: { now: () => new Date(now), eventRetention: { live: 'PT1H', sweepEvery: 'P1D' } },
      openadr3: { tokenTtl: 'P7D' },
    });
    admin = new AdminServer({ vtn: world.vtn, config: { token: ADMIN_TOKEN }, processMetrics: false, env: {} });
  });
  afterAll(async () => {
    await admin?.close();
    await world?.close();
  });
  const bl = () => world.tokenFor('business', 'bl');
  const adminCall = async (method: 'PATCH' | 'POST', url: string, payload: unknown) => {
    const res = await admin.app.inject({ method, url: `/admin/v1${url}`, headers: { authorization: `Bearer ${ADMIN_TOKEN}` }, payload: payload as object });
    expect(res.statusCode, res.body).toBe(200);
  };

  it('an admin PATCH, a modifyEvent, an admin cancel and a retention archive each show at the next GET', async () => {
    await world.call('createVen', { token: await bl(), body: { objectType: 'BL_VEN_REQUEST', clientID: 'reader', venName: 'reader-site', targets: ['feeder-1'] } });
    const ven = await world.tokenFor('reader', 'ven');
    const first = (await world.call<Event>('createEvent', { token: await bl(), body: body(T0 + 2 * HOUR, ['feeder-1'], 'first') })).body;
    const ended = (await world.call<Event>('createEvent', { token: await bl(), body: body(T0 + 4 * HOUR, ['feeder-1'], 'ends soon') })).body;
    expect((await readBy(world, ven, ['feeder-1'])).get(first.id)).toMatchObject({ eventName: 'first', priority: 0, targets: ['feeder-1'] });

    await adminCall('PATCH', `/events/${first.id}`, { priority: 5 });
    expect((await readBy(world, ven, ['feeder-1'])).get(first.id)).toMatchObject({ eventName: 'first', priority: 4, targets: ['feeder-1'] });

    await world.vtn.modifyEvent(first.id, { priority: 8, reason: 'a rule raised it' });
    expect((await readBy(world, ven, ['feeder-1'])).get(first.id)).toMatchObject({ priority: 7 });

    await adminCall('POST', `/events/${first.id}/cancel`, { reason: 'not needed' });
    expect([...(await readBy(world, ven, ['feeder-1'])).keys()]).toEqual([ended.id]);

    // The second event ended at T0 + 5 h; an hour of live retention later the sweep archives it, and its 3.1 extras go.
    now = T0 + 7 * HOUR;
    const later = (await world.call<Event>('createEvent', { token: await bl(), body: body(T0 + 9 * HOUR, ['feeder-1'], 'later') })).body;
    expect([...(await readBy(world, ven, ['feeder-1'])).keys()]).toEqual([ended.id, later.id].sort());
    expect((await world.vtn.sweepRetention()).archived).toBe(2);
    expect([...(await readBy(world, ven, ['feeder-1'])).keys()]).toEqual([later.id]);
    expect((await world.call('searchEventsByID', { token: await bl(), params: { eventID: ended.id } })).status).toBe(404);
    const extrasOf = (id: string) => world.vtn.store.unit((u) => u.collection(OA3.eventExtras).get(id));
    await until(async () => (await extrasOf(ended.id)) === undefined && (await extrasOf(first.id)) === undefined, { what: 'extras of the archived events removed' });
    expect(await extrasOf(later.id)).toMatchObject({ id: later.id, programID: 'default' });
    await world.call('deleteEvent', { token: await bl(), params: { eventID: later.id } });
  }, 30_000);

  it('BL rewriting a ven object\'s targets, or giving its VEN a targeted resource, changes what that VEN reads next', async () => {
    const created = await world.call<{ id: string }>('createVen', { token: await bl(), body: { objectType: 'BL_VEN_REQUEST', clientID: 'mover', venName: 'mover-site', targets: ['feeder-9'] } });
    const ven = await world.tokenFor('mover', 'ven');
    const nine = (await world.call<Event>('createEvent', { token: await bl(), body: body(now + 10 * HOUR, ['feeder-9'], 'nine') })).body;
    const ten = (await world.call<Event>('createEvent', { token: await bl(), body: body(now + 12 * HOUR, ['feeder-10'], 'ten') })).body;
    const asked = ['feeder-9', 'feeder-10'];
    expect([...(await readBy(world, ven, asked)).keys()]).toEqual([nine.id]);

    await world.call('updateVen', { token: await bl(), params: { venID: created.body.id }, body: { objectType: 'BL_VEN_REQUEST', clientID: 'mover', venName: 'mover-site', targets: ['feeder-10'] } });
    const moved = await readBy(world, ven, asked);
    expect([...moved.keys()]).toEqual([ten.id]);
    expect(moved.get(ten.id)?.targets).toEqual(['feeder-10']);

    const resource = await world.call('createResource', { token: await bl(), body: { objectType: 'BL_RESOURCE_REQUEST', clientID: 'mover', resourceName: 'battery', venID: created.body.id, targets: ['feeder-9'] } });
    expect(resource.status).toBe(201);
    expect([...(await readBy(world, ven, asked)).keys()].sort()).toEqual([nine.id, ten.id].sort());
  });

  it('an event changed by a 3.1 PUT or DELETE shows at once, with skip and limit over the same order', async () => {
    await world.call('createVen', { token: await bl(), body: { objectType: 'BL_VEN_REQUEST', clientID: 'pager', venName: 'pager-site', targets: ['feeder-p'] } });
    const ven = await world.tokenFor('pager', 'ven');
    const ids: string[] = [];
    for (let i = 0; i < 4; i++) ids.push((await world.call<Event>('createEvent', { token: await bl(), body: body(now + (20 + 2 * i) * HOUR, ['feeder-p'], `p${i}`) })).body.id);
    const order = [...(await readBy(world, ven, ['feeder-p'])).keys()];
    expect([...order].sort()).toEqual([...ids].sort());
    const page = await world.call<Event[]>('searchAllEvents', { token: ven, query: { targets: ['feeder-p'], skip: '1', limit: '2' } });
    expect(page.body.map((e) => e.id)).toEqual(order.slice(1, 3));

    const put = await world.call<Event>('updateEvent', { token: await bl(), params: { eventID: order[1]! }, body: body(now + 22 * HOUR, ['feeder-p'], 'renamed') });
    expect(put.status).toBe(200);
    expect((await readBy(world, ven, ['feeder-p'])).get(order[1]!)?.eventName).toBe('renamed');
    await world.call('deleteEvent', { token: await bl(), params: { eventID: order[0]! } });
    const after = await world.call<Event[]>('searchAllEvents', { token: ven, query: { targets: ['feeder-p'], skip: '1', limit: '2' } });
    expect(after.body.map((e) => e.id)).toEqual(order.slice(2, 4));
  });
});

describePostgres('OpenADR 3.1 GET /events on two instances of one PostgreSQL database', (db) => {
  const worlds: Oadr3World[] = [];
  afterEach(async () => {
    for (const w of worlds.splice(0)) await w.close();
  });
  const start = async () => {
    const w = await startOadr3Vtn({ vtn: { inMemory: false, store: { kind: 'postgres', url: db.url } } });
    worlds.push(w);
    return w;
  };

  it('what BL changes on A (event created, modified, cancelled; grants rewritten) shows in B\'s answers', async () => {
    await db.reset();
    const [a, b] = [await start(), await start()];
    // Both sign and check tokens with the key kept in the database.
    const bl = await a.tokenFor('business', 'bl');
    const venObject = await a.call<{ id: string }>('createVen', { token: bl, body: { objectType: 'BL_VEN_REQUEST', clientID: 'far-reader', venName: 'far-site', targets: ['feeder-7'] } });
    const ven = await a.tokenFor('far-reader', 'ven');
    // B's index and grant cache are warm (and empty) before A writes.
    expect((await readBy(b, ven, ['feeder-7'])).size).toBe(0);
    const created = (await a.call<Event>('createEvent', { token: bl, body: body(Date.now() + 2 * HOUR, ['feeder-7'], 'from A') })).body;
    const seen = (want: (e: Event | undefined) => boolean, what: string) =>
      until(async () => want((await readBy(b, ven, ['feeder-7'])).get(created.id)), { what: `B: ${what}`, timeoutMs: 10_000 });

    await seen((e) => e?.eventName === 'from A', 'the event created on A');
    await a.vtn.modifyEvent(created.id, { priority: 4, reason: 'modified on A' });
    await seen((e) => e?.priority === 3, 'the modification made on A');
    await a.call('updateVen', { token: bl, params: { venID: venObject.body.id }, body: { objectType: 'BL_VEN_REQUEST', clientID: 'far-reader', venName: 'far-site', targets: ['elsewhere'] } });
    await seen((e) => e === undefined, 'the grant withdrawn on A');
    await a.call('updateVen', { token: bl, params: { venID: venObject.body.id }, body: { objectType: 'BL_VEN_REQUEST', clientID: 'far-reader', venName: 'far-site', targets: ['feeder-7'] } });
    await seen((e) => e?.priority === 3, 'the grant given back on A');
    await a.vtn.cancelEvent(created.id, 'cancelled on A');
    await seen((e) => e === undefined, 'the cancel made on A');
  }, 60_000);
});
