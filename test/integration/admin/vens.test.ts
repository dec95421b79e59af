// Admin API — VENs: list with presence, detail, registration, cancel registration, request re-registration.
import { describe, expect, it } from 'vitest';
import { adminSetup } from './admin-fixture.js';

describe('admin API: VENs', () => {
  it('lists registered VENs online after a poll and offline after 3 missed poll periods', async () => {
    const f = await adminSetup();
    const ven = await f.registeredVen('alpha');
    let list = (await f.call('GET', '/admin/v1/vens')).json();
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ venId: ven.venId, venName: 'alpha', online: true, lastSeen: f.clock.now().toISOString() });
    f.clock.advance(3 * 10_000 + 1); // default poll frequency PT10S
    list = (await f.call('GET', '/admin/v1/vens')).json();
    expect(list[0].online).toBe(false);
    expect((await f.call('GET', '/admin/v1/vens?online=true')).json()).toEqual([]);
    await ven.poll();
    expect((await f.call('GET', '/admin/v1/vens?online=true')).json()).toHaveLength(1);
  });

  it('gives one VEN with its events and opt state, and its registration record', async () => {
    const f = await adminSetup();
    const ven = await f.registeredVen();
    const start = new Date(f.clock.now().getTime() + 3_600_000);
    const { eventId } = await f.vtn.addEvent({ venIds: [ven.venId!], signalName: 'SIMPLE', intervals: [{ dtstart: start, duration: 'PT1H', payload: 2 }] });
    await ven.respondToEvents(await ven.poll(), 'optOut');
    const detail = (await f.call('GET', `/admin/v1/vens/${ven.venId}`)).json();
    expect(detail.ven.venId).toBe(ven.venId);
    expect(detail.events).toEqual([{ eventId, status: 'far', opt: expect.objectContaining({ venId: ven.venId, response: 'optOut', effective: 'optOut' }) }]);
    const reg = await f.call('GET', `/admin/v1/vens/${ven.venId}/registration`);
    expect(reg.status).toBe(200);
    expect(reg.json()).toMatchObject({ venId: ven.venId, registrationId: ven.registrationId });
  });

  it('unknown VENs are 404 on every VEN route', async () => {
    const f = await adminSetup();
    for (const [method, url] of [['GET', '/admin/v1/vens/nope'], ['GET', '/admin/v1/vens/nope/registration'], ['DELETE', '/admin/v1/vens/nope/registration'], ['POST', '/admin/v1/vens/nope/reregister']] as const) {
      const res = await f.call(method, url);
      expect(res.status, `${method} ${url}`).toBe(404);
      expect(res.json().code).toMatch(/^E_(NOT_FOUND|VEN_UNKNOWN)$/);
    }
  });

  it('a bad query is a 400 naming the parameter', async () => {
    const f = await adminSetup();
    const res = await f.call('GET', '/admin/v1/vens?online=maybe');
    expect(res.status).toBe(400);
    expect(res.json()).toEqual({ code: 'E_BAD_REQUEST', message: 'querystring/online must be boolean' });
    expect((await f.call('GET', '/admin/v1/vens?colour=red')).json().message).toBe('querystring has an unknown field "colour"');
  });

  it('re-registration and cancellation are queued for the VEN\'s next poll', async () => {
    const f = await adminSetup();
    const ven = await f.registeredVen();
    const re = await f.call('POST', `/admin/v1/vens/${ven.venId}/reregister`);
    expect(re.status).toBe(202);
    expect(re.json()).toEqual({ venId: ven.venId, queued: 'oadrRequestReregistration' });
    expect((await ven.poll()).type).toBe('oadrRequestReregistration');
    const cancel = await f.call('DELETE', `/admin/v1/vens/${ven.venId}/registration`);
    expect(cancel.status).toBe(202);
    expect((await ven.poll()).type).toBe('oadrCancelPartyRegistration');
  });
});
