// Admin API — a venName wherever a venId goes (paths, filters, event bodies); an unknown VEN in an event body is a 404
// that creates nothing; a name two VENs carry is a 409 listing both.
import { describe, expect, it } from 'vitest';
import { eventsOf } from '../../helpers/test-ven.js';
import { adminSetup, type AdminFixture } from './admin-fixture.js';

const inline = (f: AdminFixture, extra: Record<string, unknown>) => ({
  signalName: 'SIMPLE', intervals: [{ duration: 'PT1H', payload: 1 }],
  dtstart: new Date(f.clock.now().getTime() + 3_600_000).toISOString(), ...extra,
});

describe('admin API: VENs named by venId or venName', () => {
  it('POST /events naming an unregistered VEN is 404 E_VEN_UNKNOWN and creates nothing', async () => {
    const f = await adminSetup();
    const ven = await f.registeredVen('maple-3');
    for (const body of [{ venIds: ['no-such-ven'] }, { venIds: [ven.venId!, 'no-such-ven'] }, { target: { venId: 'no-such-ven' } }, { venId: 'no-such-ven' }]) {
      const res = await f.call('POST', '/admin/v1/events', { payload: inline(f, body) });
      expect(res.status, JSON.stringify(body)).toBe(404);
      expect(res.json()).toMatchObject({ code: 'E_VEN_UNKNOWN', message: expect.stringContaining('"no-such-ven"') });
    }
    const { templateSource } = await import('../../../src/admin/index.js');
    f.admin.attach({
      templates: templateSource(() => new Map([['peak', {}]]), (_t, fill) => ({
        venIds: fill.venIds, signalName: 'SIMPLE', dtstart: fill.start, intervals: [{ duration: 'PT1H', payload: 1 }],
      })),
    });
    const start = new Date(f.clock.now().getTime() + 7_200_000).toISOString();
    const fromTemplate = await f.call('POST', '/admin/v1/events/from-template', { payload: { template: 'peak', start, venIds: ['no-such-ven'] } });
    expect(fromTemplate.status).toBe(404);
    expect(fromTemplate.json().code).toBe('E_VEN_UNKNOWN');
    const byName = await f.call('POST', '/admin/v1/events/from-template', { payload: { template: 'peak', start, venIds: ['maple-3'] } });
    expect(byName.json().venIds).toEqual([ven.venId]);
    await f.vtn.cancelEvent(byName.json().eventId);
    expect((await f.vtn.listEvents()).map((e) => e.status)).toEqual(['cancelled']);
  });

  it('an event body may name VENs by venName (list, target, signal target); the event goes to their venIds', async () => {
    const f = await adminSetup();
    const maple = await f.registeredVen('maple-3');
    const oak = await f.registeredVen('oak-7');
    const res = await f.call('POST', '/admin/v1/events', { payload: inline(f, { venIds: ['maple-3'], target: { venId: ['oak-7'] } }) });
    expect(res.status).toBe(201);
    expect(new Set(res.json().venIds)).toEqual(new Set([maple.venId, oak.venId]));
    expect(eventsOf(await maple.poll()).map((e) => e.eventId)).toEqual([res.json().eventId]);
    const patched = await f.call('PATCH', `/admin/v1/events/${res.json().eventId}`, { payload: { venIds: ['oak-7'] } });
    expect(patched.status).toBe(200);
    expect(patched.json().event.venIds).toEqual([oak.venId]);
  });

  it('paths and query filters take a venName: VEN detail, registration, re-register, events and report filters', async () => {
    const f = await adminSetup();
    const ven = await f.registeredVen('maple-3');
    await f.call('POST', '/admin/v1/events', { payload: inline(f, { venIds: [ven.venId!] }) });
    const detail = await f.call('GET', '/admin/v1/vens/maple-3');
    expect(detail.status).toBe(200);
    expect(detail.json().ven.venId).toBe(ven.venId);
    expect((await f.call('GET', '/admin/v1/vens/maple-3/registration')).json().venId).toBe(ven.venId);
    expect((await f.call('POST', '/admin/v1/vens/maple-3/reregister')).json()).toEqual({ venId: ven.venId, queued: 'oadrRequestReregistration' });
    expect((await f.call('GET', '/admin/v1/events?venId=maple-3')).json()).toHaveLength(1);
    expect((await f.call('GET', `/admin/v1/events?venId=${ven.venId}`)).json()).toHaveLength(1);
    expect((await f.call('GET', '/admin/v1/reports/subscriptions?venId=maple-3')).status).toBe(200);
    expect((await f.call('GET', '/admin/v1/reports/offers?venId=maple-3')).status).toBe(200);
    // A name nobody carries passes as a venId: a VEN that left still has its history.
    expect((await f.call('GET', '/admin/v1/events?venId=gone')).json()).toEqual([]);
    expect((await f.call('GET', '/admin/v1/vens/gone')).status).toBe(404);
  });

  it('a venId wins over a venName, and a name two VENs carry is 409 E_VEN_AMBIGUOUS with the candidates', async () => {
    const f = await adminSetup();
    const a = await f.registeredVen('twin');
    // Registering anew under a name replaces its holder, so two VENs share a name only in a state from before that
    // (or over TLS with two certificates): written here as such a state holds it.
    const b = { venId: 'twin-2' };
    const twin = (await f.vtn.getVen(a.venId!))!;
    await f.vtn.store.unit(async (u) => u.vens.put(b.venId, { ...twin, venId: b.venId, registrationId: 'twin-2-reg' }));
    for (const [method, url, payload] of [
      ['GET', '/admin/v1/vens/twin', undefined],
      ['GET', '/admin/v1/events?venId=twin', undefined],
      ['POST', '/admin/v1/events', inline(f, { venIds: ['twin'] })],
    ] as const) {
      const res = await f.call(method, url, payload ? { payload } : {});
      expect(res.status, url).toBe(409);
      expect(res.json()).toMatchObject({ code: 'E_VEN_AMBIGUOUS', hint: 'name one of them by its venId' });
      expect(res.json().candidates.map((c: { venId: string }) => c.venId).sort()).toEqual([a.venId, b.venId].sort());
      expect(res.json().candidates[0]).toMatchObject({ venName: 'twin', registeredAt: expect.any(String) });
    }
    expect(await f.vtn.listEvents()).toEqual([]);
    // A VEN whose venName is another VEN's venId: the venId wins.
    const c = await f.registeredVen(a.venId!);
    expect((await f.call('GET', `/admin/v1/vens/${a.venId}`)).json().ven.venId).toBe(a.venId);
    expect(c.venId).not.toBe(a.venId);
  });
});
