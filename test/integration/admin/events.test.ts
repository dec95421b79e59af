// Admin API — events: list/filter, create inline or from a template, modify, cancel, per-VEN delivery and opt state.
import { describe, expect, it } from 'vitest';
import { eventsOf } from '../../helpers/test-ven.js';
import { adminSetup, type AdminFixture } from './admin-fixture.js';

const inline = (f: AdminFixture, venIds: string[], extra: Record<string, unknown> = {}) => ({
  venIds, signalName: 'SIMPLE', intervals: [{ duration: 'PT1H', payload: 1 }],
  dtstart: new Date(f.clock.now().getTime() + 3_600_000).toISOString(), ...extra,
});

describe('admin API: events', () => {
  it('creates an event inline that reaches the VEN, and lists it with filters', async () => {
    const f = await adminSetup();
    const ven = await f.registeredVen();
    const res = await f.call('POST', '/admin/v1/events', { payload: inline(f, [ven.venId!], { marketContext: 'oadr://prog-a' }) });
    expect(res.status).toBe(201);
    const { eventId } = res.json();
    expect(res.json()).toEqual({ eventId, venIds: [ven.venId], status: 'far' });
    expect((await f.vtn.getEvent(eventId))!.event.origin).toEqual({ source: 'admin', actor: 'admin' });
    const distribute = await ven.poll();
    expect(eventsOf(distribute).map((e) => e.eventId)).toEqual([eventId]);

    expect((await f.call('GET', '/admin/v1/events')).json()).toHaveLength(1);
    expect((await f.call('GET', '/admin/v1/events?status=far')).json()).toHaveLength(1);
    expect((await f.call('GET', '/admin/v1/events?status=active')).json()).toHaveLength(0);
    expect((await f.call('GET', `/admin/v1/events?venId=${ven.venId}`)).json()).toHaveLength(1);
    expect((await f.call('GET', '/admin/v1/events?venId=other')).json()).toHaveLength(0);
    expect((await f.call('GET', '/admin/v1/events?marketContext=oadr://prog-a')).json()).toHaveLength(1);
    expect((await f.call('GET', '/admin/v1/events?marketContext=oadr://prog-b')).json()).toHaveLength(0);
    const one = (await f.call('GET', `/admin/v1/events/${eventId}`)).json();
    expect(one).toMatchObject({ status: 'far', event: { eventId, marketContext: 'oadr://prog-a', signals: [expect.objectContaining({ signalName: 'SIMPLE' })] } });
  });

  it('refuses bad bodies with a precise 400 and VTN rule violations with their error code', async () => {
    const f = await adminSetup();
    const cases: [unknown, string][] = [
      [{ ...inline(f, ['v1']), colour: 'red' }, 'body has an unknown field "colour"'],
      [{ ...inline(f, ['v1']), priority: -1 }, 'body/priority must be >= 0'],
      [{ ...inline(f, ['v1']), responseRequired: 'sometimes' }, 'body/responseRequired must be one of "always", "never"'],
      [{ ...inline(f, ['v1']), dtstart: 'tomorrow' }, 'body/dtstart must match format "date-time"'],
      [{ ...inline(f, ['v1']), intervals: [] }, 'body/intervals must NOT have fewer than 1 items'],
    ];
    for (const [payload, message] of cases) {
      const res = await f.call('POST', '/admin/v1/events', { payload });
      expect(res.status).toBe(400);
      expect(res.json()).toEqual({ code: 'E_BAD_REQUEST', message });
    }
    const ven = await f.registeredVen();
    const simple = await f.call('POST', '/admin/v1/events', { payload: inline(f, [ven.venId!], { intervals: [{ duration: 'PT1H', payload: 9 }] }) });
    expect(simple.status).toBe(400);
    expect(simple.json().code).toBe('E_SIMPLE_PAYLOAD');
    const { venIds: _unused, ...noTarget } = inline(f, []);
    const noVen = await f.call('POST', '/admin/v1/events', { payload: noTarget });
    expect(noVen.status).toBe(400);
    expect(noVen.json().code).toBe('E_EVENT_TARGET');
    const notJson = await f.call('POST', '/admin/v1/events', { payload: '{"venIds":', headers: { 'content-type': 'application/json' } });
    expect(notJson.status).toBe(400);
  });

  it('modifies an event (modification number + 1) and cancels it; unknown ids are 404', async () => {
    const f = await adminSetup();
    const ven = await f.registeredVen();
    const { eventId } = (await f.call('POST', '/admin/v1/events', { payload: inline(f, [ven.venId!]) })).json();
    const mod = await f.call('PATCH', `/admin/v1/events/${eventId}`, { payload: { intervals: [{ duration: 'PT1H', payload: 3 }], reason: 'grid stress' } });
    expect(mod.status).toBe(200);
    expect(mod.json().event).toMatchObject({ modificationNumber: 1, modificationReason: 'grid stress' });
    expect((await f.call('PATCH', `/admin/v1/events/${eventId}`, { payload: {} })).json().message).toBe('body must NOT have fewer than 1 properties');
    const cancelled = await f.call('POST', `/admin/v1/events/${eventId}/cancel`, { payload: { reason: 'no longer needed' } });
    expect(cancelled.status).toBe(200);
    expect(cancelled.json().status).toBe('cancelled');
    const again = await f.call('PATCH', `/admin/v1/events/${eventId}`, { payload: { vtnComment: 'x' } });
    expect(again.status).toBe(400);
    expect(again.json().code).toBe('E_EVENT_CANCELLED');
    for (const [method, url, payload] of [['GET', '/admin/v1/events/nope', undefined], ['PATCH', '/admin/v1/events/nope', { vtnComment: 'x' }], ['POST', '/admin/v1/events/nope/cancel', {}], ['GET', '/admin/v1/events/nope/vens', undefined]] as const) {
      expect((await f.call(method, url, payload ? { payload } : {})).status, `${method} ${url}`).toBe(404);
    }
  });

  it('cancel needs no body', async () => {
    const f = await adminSetup();
    const ven = await f.registeredVen();
    const { eventId } = (await f.call('POST', '/admin/v1/events', { payload: inline(f, [ven.venId!]) })).json();
    const res = await f.call('POST', `/admin/v1/events/${eventId}/cancel`);
    expect(res.status).toBe(200);
    expect(res.json().status).toBe('cancelled');
  });

  it('shows per-VEN delivery and opt state', async () => {
    const f = await adminSetup();
    const a = await f.registeredVen();
    const b = await f.registeredVen();
    const { eventId } = (await f.call('POST', '/admin/v1/events', { payload: inline(f, [a.venId!, b.venId!]) })).json();
    await a.respondToEvents(await a.poll(), 'optIn');
    const rows = (await f.call('GET', `/admin/v1/events/${eventId}/vens`)).json();
    expect(rows).toEqual([
      expect.objectContaining({ venId: a.venId, delivered: true, response: 'optIn', effective: 'optIn', responseCode: 200 }),
      expect.objectContaining({ venId: b.venId, delivered: false }),
    ]);
    expect(rows[1].response).toBeUndefined();
  });

  it('creates from a template when a template source is attached, 404 for an unknown name, 503 without one', async () => {
    const f = await adminSetup();
    const ven = await f.registeredVen();
    const body = { template: 'peak', start: new Date(f.clock.now().getTime() + 7_200_000).toISOString(), venIds: [ven.venId!], level: 2 };
    const missing = await f.call('POST', '/admin/v1/events/from-template', { payload: body });
    expect(missing.status).toBe(503);
    expect(missing.json().code).toBe('E_NOT_INSTALLED');
    const { templateSource } = await import('../../../src/admin/index.js');
    const templates = new Map([['peak', { signalName: 'SIMPLE', duration: 'PT2H' }]]);
    f.admin.attach({
      templates: templateSource(() => templates, (t, fill) => ({
        venIds: fill.venIds, signalName: t.signalName, dtstart: fill.start, duration: fill.duration ?? t.duration,
        intervals: [{ duration: fill.duration ?? t.duration, payload: fill.level ?? 1 }],
      })),
    });
    const ok = await f.call('POST', '/admin/v1/events/from-template', { payload: body });
    expect(ok.status).toBe(201);
    const rec = (await f.vtn.getEvent(ok.json().eventId))!.event;
    expect(rec.duration).toBe(7_200_000);
    expect(rec.signals[0]!.intervals[0]!.payload).toBe(2);
    expect(rec.origin).toMatchObject({ template: 'peak', source: 'admin' });
    const unknown = await f.call('POST', '/admin/v1/events/from-template', { payload: { ...body, template: 'offpeak' } });
    expect(unknown.status).toBe(404);
    expect(unknown.json().message).toBe('no template named offpeak; known: peak');
    const bad = await f.call('POST', '/admin/v1/events/from-template', { payload: { template: 'peak', venIds: ['v1'] } });
    expect(bad.json()).toEqual({ code: 'E_BAD_REQUEST', message: 'body is missing the required field "start"' });
  });
});
