// /events: a 3.1 event is a core event. Created over 3.1 it reaches a 2.0b VEN as oadrDistributeEvent (XSD-checked,
// real HTTP); created by the admin API (or addEvent: rules, schedules) it reads over 3.1; DELETE cancels it for 2.0b VENs.
// Every 3.1 answer is checked against openadr3.yaml.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AdminServer } from '../../../src/admin/index.js';
import { eventHandlers } from '../../../src/openadr3/handlers/event-handlers.js';
import type { Oadr3Change } from '../../../src/openadr3/notify/change-feed.js';
import type { ProgramCatalogue } from '../../../src/openadr3/objects/program-catalogue.js';
import { recordingChanges, startOadr3Vtn, type Oadr3World } from '../../helpers/openadr3.js';
import { eventsOf, TestVen } from '../../helpers/test-ven.js';

interface Event {
  id: string; programID: string; eventName?: string; priority?: number; targets?: string[]; objectType: string; createdDateTime: string; modificationDateTime: string;
  intervals: { id: number; intervalPeriod?: { start?: string; duration?: string }; payloads: { type: string; values: unknown[] }[] }[];
  payloadDescriptors?: { payloadType: string; units?: string; currency?: string }[];
}

const MC = 'http://utility.example/programs/summer-peak';
const ADMIN_TOKEN = 'events-admin-token-0123456789';

describe('OpenADR 3.1 events', () => {
  let world: Oadr3World;
  let admin: AdminServer;
  let ven2b: TestVen;
  const clock = new Date('2026-06-01T12:00:00Z');
  const at = (hours: number) => new Date(clock.getTime() + hours * 3_600_000).toISOString();
  const catalogue: ProgramCatalogue = {
    programs: [{ name: 'summer-peak', marketContext: MC }],
    vens: [{ venName: 'site-2b', groups: ['feeder-7'], programs: ['summer-peak'] }],
  };
  const changes: Oadr3Change[] = [];
  beforeAll(async () => {
    world = await startOadr3Vtn({ vtn: { now: () => clock, openEnrollment: true }, install: { catalogue: () => catalogue, handlers: recordingChanges(eventHandlers, changes) } });
    admin = new AdminServer({ vtn: world.vtn, config: { token: ADMIN_TOKEN }, processMetrics: false, env: {} });
    ven2b = new TestVen({ baseUrl: new URL(world.base).origin, venName: 'site-2b' });
    await ven2b.register();
    expect(ven2b.venId).toBeDefined();
    const bl = await world.tokenFor('business', 'bl');
    // ven-a is granted feeder-7 by BL; ven-b has a ven object without targets.
    await world.call('createVen', { token: bl, body: { objectType: 'BL_VEN_REQUEST', clientID: 'ven-a', venName: 'ven-a-site', targets: ['feeder-7'] } });
    await world.call('createVen', { token: bl, body: { objectType: 'BL_VEN_REQUEST', clientID: 'ven-b', venName: 'ven-b-site' } });
  });
  afterAll(async () => {
    await admin?.close();
    await world?.close();
  });

  const bl = () => world.tokenFor('business', 'bl');
  const venA = () => world.tokenFor('ven-a', 'ven');
  const venB = () => world.tokenFor('ven-b', 'ven');
  const priceEvent = (start: string, price: number, extra: Record<string, unknown> = {}) => ({
    programID: 'summer-peak', eventName: 'peak price', priority: 0, targets: ['feeder-7'],
    payloadDescriptors: [{ objectType: 'EVENT_PAYLOAD_DESCRIPTOR', payloadType: 'PRICE', units: 'KWH', currency: 'USD' }],
    intervalPeriod: { start, duration: 'PT1H' },
    intervals: [{ id: 0, payloads: [{ type: 'PRICE', values: [price] }] }, { id: 1, payloads: [{ type: 'PRICE', values: [price * 2] }] }],
    ...extra,
  });

  it('BL creates an event; a 2.0b VEN in the targeted group gets it as oadrDistributeEvent; PUT modifies it; DELETE cancels it', async () => {
    const token = await bl();
    const created = await world.call<Event>('createEvent', { token, body: { ...priceEvent(at(2), 0.25), id: 'mine', createdDateTime: '2000-01-01T00:00:00Z' } });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ programID: 'summer-peak', eventName: 'peak price', objectType: 'EVENT', targets: ['feeder-7'], createdDateTime: clock.toISOString() });
    expect(created.body.id).not.toBe('mine');
    const id = created.body.id;
    expect((await world.call<Event>('searchEventsByID', { token, params: { eventID: id } })).body).toEqual(created.body);

    const first = await ven2b.requestEvent();
    expect(first.body).toContain('currencyPerKWh');
    const [wire] = eventsOf(first).filter((e) => e.eventId === id);
    expect(wire).toMatchObject({ modificationNumber: 0, marketContext: MC, priority: 1, vtnComment: 'peak price', duration: 'PT2H' });
    expect(wire!.signals.map((s) => [s.name, s.type, s.intervals.map((i) => i.payload)])).toEqual([['ELECTRICITY_PRICE', 'price', [0.25, 0.5]]]);
    expect(wire!.targetVenIds).toEqual([ven2b.venId]);

    const put = await world.call<Event>('updateEvent', { token, params: { eventID: id }, body: priceEvent(at(2), 0.3, { eventName: 'peak price v2' }) });
    expect(put.status).toBe(200);
    expect(put.body).toMatchObject({ id, eventName: 'peak price v2', createdDateTime: created.body.createdDateTime });
    const [modified] = eventsOf(await ven2b.requestEvent()).filter((e) => e.eventId === id);
    expect(modified).toMatchObject({ modificationNumber: 1 });
    expect(modified!.signals[0]!.intervals.map((i) => i.payload)).toEqual([0.3, 0.6]);

    const del = await world.call<Event>('deleteEvent', { token, params: { eventID: id } });
    expect(del).toMatchObject({ status: 200, body: { id, eventName: 'peak price v2' } });
    const [cancelled] = eventsOf(await ven2b.requestEvent()).filter((e) => e.eventId === id);
    expect(cancelled).toMatchObject({ status: 'cancelled', modificationNumber: 2 });
    expect((await world.call('searchEventsByID', { token, params: { eventID: id } })).status).toBe(404);
    expect((await world.call<Event[]>('searchAllEvents', { token })).body.map((e) => e.id)).not.toContain(id);
    expect(changes.filter((c) => c.object.id === id).map((c) => [c.objectType, c.operation])).toEqual([['EVENT', 'CREATE'], ['EVENT', 'UPDATE'], ['EVENT', 'DELETE']]);
  });

  it('an event created through the admin API reads over 3.1, mapped back to its program, payloads and priority', async () => {
    const res = await admin.app.inject({
      method: 'POST', url: '/admin/v1/events', headers: { authorization: `Bearer ${ADMIN_TOKEN}` },
      payload: { venIds: [ven2b.venId], marketContext: MC, priority: 3, signalName: 'SIMPLE', intervals: [{ duration: 'PT30M', payload: 2 }, { duration: 'PT30M', payload: 3 }], dtstart: at(10), vtnComment: 'from the admin API' },
    });
    expect(res.statusCode).toBe(201);
    const { eventId } = res.json() as { eventId: string };
    const read = await world.call<Event>('searchEventsByID', { token: await bl(), params: { eventID: eventId } });
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({
      id: eventId, programID: 'summer-peak', eventName: 'from the admin API', priority: 2, targets: [ven2b.venId],
      intervals: [
        { id: 0, intervalPeriod: { start: at(10), duration: 'PT30M' }, payloads: [{ type: 'SIMPLE', values: [2] }] },
        { id: 1, intervalPeriod: { start: new Date(Date.parse(at(10)) + 1_800_000).toISOString(), duration: 'PT30M' }, payloads: [{ type: 'SIMPLE', values: [3] }] },
      ],
    });
    const listed = await world.call<Event[]>('searchAllEvents', { token: await bl(), query: { programID: 'summer-peak' } });
    expect(listed.body.map((e) => e.id)).toContain(eventId);
    await world.vtn.cancelEvent(eventId);
    expect((await world.call('searchEventsByID', { token: await bl(), params: { eventID: eventId } })).status).toBe(404);
  });

  it('an event for 3.1 VENs only (its targets name no 2.0b VEN) is kept by the core all the same', async () => {
    const res = await world.call<Event>('createEvent', { token: await bl(), body: { programID: 'summer-peak', targets: ['only-3.1'], intervalPeriod: { start: at(20), duration: 'PT1H' }, intervals: [{ id: 0, payloads: [{ type: 'SIMPLE', values: [1] }] }] } });
    expect(res.status).toBe(201);
    expect((await world.vtn.getEvent(res.body.id))?.event.venIds).toEqual([]);
    expect(eventsOf(await ven2b.requestEvent()).map((e) => e.eventId)).not.toContain(res.body.id);
    await world.call('deleteEvent', { token: await bl(), params: { eventID: res.body.id } });
  });

  it('VEN privacy: a targeted event is seen only with a granted target asked for, its other targets hidden; untargeted ones by all', async () => {
    const token = await bl();
    const targeted = (await world.call<Event>('createEvent', { token, body: priceEvent(at(30), 0.1, { targets: ['feeder-7', 'hidden-group'] }) })).body;
    const open = (await world.call<Event>('createEvent', { token, body: { programID: 'summer-peak', intervalPeriod: { start: at(40), duration: 'PT1H' }, intervals: [{ id: 0, payloads: [{ type: 'SIMPLE', values: [1] }] }] } })).body;
    const asked = await world.call<Event[]>('searchAllEvents', { token: await venA(), query: { targets: ['feeder-7', 'hidden-group'] } });
    const seen = asked.body.find((e) => e.id === targeted.id);
    expect(seen?.targets).toEqual(['feeder-7']);
    expect(asked.body.map((e) => e.id)).toContain(open.id);
    const unasked = await world.call<Event[]>('searchAllEvents', { token: await venA() });
    expect(unasked.body.map((e) => e.id)).not.toContain(targeted.id);
    expect(unasked.body.map((e) => e.id)).toContain(open.id);
    // ven-b was granted nothing: asking for feeder-7 does not help; by id it is 404.
    const other = await world.call<Event[]>('searchAllEvents', { token: await venB(), query: { targets: 'feeder-7' } });
    expect(other.body.map((e) => e.id)).toEqual(expect.not.arrayContaining([targeted.id]));
    expect((await world.call('searchEventsByID', { token: await venB(), params: { eventID: targeted.id } })).status).toBe(404);
    const byId = await world.call<Event>('searchEventsByID', { token: await venA(), params: { eventID: targeted.id }, query: { targets: 'feeder-7' } });
    expect(byId.body.targets).toEqual(['feeder-7']);
    // BL sees every target.
    expect((await world.call<Event>('searchEventsByID', { token, params: { eventID: targeted.id } })).body.targets).toEqual(['feeder-7', 'hidden-group']);
    for (const e of [targeted, open]) await world.call('deleteEvent', { token, params: { eventID: e.id } });
  });

  it('filters by programID and pages with skip and limit', async () => {
    const token = await bl();
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      ids.push((await world.call<Event>('createEvent', { token, body: { programID: 'default', intervalPeriod: { start: at(50 + i), duration: 'PT1H' }, intervals: [{ id: 0, payloads: [{ type: 'SIMPLE', values: [1] }] }] } })).body.id);
    }
    const all = (await world.call<Event[]>('searchAllEvents', { token, query: { programID: 'default' } })).body.map((e) => e.id);
    expect([...all].sort()).toEqual([...ids].sort());
    const page = (await world.call<Event[]>('searchAllEvents', { token, query: { programID: 'default', skip: '1', limit: '1' } })).body.map((e) => e.id);
    expect(page).toEqual(all.slice(1, 2));
    expect((await world.call<Event[]>('searchAllEvents', { token, query: { programID: 'no-such-program' } })).body).toEqual([]);
    for (const id of ids) await world.call('deleteEvent', { token, params: { eventID: id } });
  });

  it('refuses what the core cannot keep (400), an unknown event (404), a move to another program and an overlap (409)', async () => {
    const token = await bl();
    const bad: [Record<string, unknown>, string][] = [
      [{ ...priceEvent(at(60), 1), programID: 'nope' }, 'names no program'],
      [{ ...priceEvent(at(60), 1), intervals: [] }, 'intervals is empty'],
      [{ ...priceEvent(at(60), 1), intervals: [{ id: 0, payloads: [{ type: 'PRICE', values: ['high'] }] }] }, 'must be one number'],
      [{ ...priceEvent(at(60), 1), intervalPeriod: { start: at(60) } }, 'no duration'],
      [{ ...priceEvent(at(60), 1), intervals: [{ id: 0, payloads: [{ type: 'SIMPLE', values: [7] }] }] }, 'E_SIMPLE_PAYLOAD'],
      [{ programID: 'summer-peak' }, 'intervals is empty'],
    ];
    for (const [body, detail] of bad) {
      const res = await world.call<{ detail: string }>('createEvent', { token, body });
      expect(res.status, detail).toBe(400);
      expect(res.body.detail).toContain(detail);
    }
    expect((await world.call('createEvent', { token, body: { eventName: 'no program' } })).status).toBe(400);
    for (const op of ['searchEventsByID', 'deleteEvent'] as const) expect((await world.call(op, { token, params: { eventID: 'no-such-event' } })).status).toBe(404);
    expect((await world.call('updateEvent', { token, params: { eventID: 'no-such-event' }, body: priceEvent(at(60), 1) })).status).toBe(404);

    const one = (await world.call<Event>('createEvent', { token, body: priceEvent(at(60), 1) })).body;
    const overlap = await world.call<{ detail: string }>('createEvent', { token, body: priceEvent(at(60.5), 1) });
    expect(overlap.status).toBe(409);
    expect(overlap.body.detail).toContain('E_EVENT_OVERLAP');
    const move = await world.call<{ detail: string }>('updateEvent', { token, params: { eventID: one.id }, body: { ...priceEvent(at(60), 1), programID: 'default' } });
    expect(move.status).toBe(409);
    await world.call('deleteEvent', { token, params: { eventID: one.id } });
  });

  it('role matrix: BL writes, VENs read, a bad or missing token is 401', async () => {
    const token = await bl();
    const id = (await world.call<Event>('createEvent', { token, body: { programID: 'default', intervalPeriod: { start: at(70), duration: 'PT1H' }, intervals: [{ id: 0, payloads: [{ type: 'SIMPLE', values: [1] }] }] } })).body.id;
    const body = { programID: 'default', intervalPeriod: { start: at(71), duration: 'PT1H' }, intervals: [{ id: 0, payloads: [{ type: 'SIMPLE', values: [2] }] }] };
    const cases: [string, string | undefined, Record<string, unknown>, number][] = [
      ['searchAllEvents', await venA(), {}, 200], ['searchAllEvents', await venB(), {}, 200], ['searchAllEvents', 'bad.token', {}, 401], ['searchAllEvents', undefined, {}, 401],
      ['searchEventsByID', await venB(), { params: { eventID: id } }, 200], ['searchEventsByID', undefined, { params: { eventID: id } }, 401],
      ['createEvent', await venA(), { body }, 403], ['createEvent', 'bad.token', { body }, 401],
      ['updateEvent', await venB(), { params: { eventID: id }, body }, 403], ['updateEvent', undefined, { params: { eventID: id }, body }, 401],
      ['deleteEvent', await venA(), { params: { eventID: id } }, 403], ['deleteEvent', 'bad.token', { params: { eventID: id } }, 401],
      ['updateEvent', token, { params: { eventID: id }, body }, 200], ['deleteEvent', token, { params: { eventID: id } }, 200],
    ];
    for (const [op, t, init, status] of cases) {
      const res = await world.call(op, { ...(t ? { token: t } : {}), ...init });
      expect(res.status, `${op} ${t === token ? 'BL' : t ? 'VEN/bad' : 'no token'}`).toBe(status);
    }
  });
});
