// The routes a 10,000-VEN dashboard needs: VEN search across pages, the fleet's online/offline counts, and
// per-bucket totals of the fleet, a group, a program or a VEN computed by the telemetry store.
import { describe, expect, it } from 'vitest';
import { catalogueSource } from '../../../src/admin/index.js';
import type { VenRecord } from '../../../src/store/records.js';
import { putAll } from '../../helpers/read-store.js';
import { adminSetup, type AdminFixture } from './admin-fixture.js';

const ven = (venId: string, venName: string, pollFreqMs?: number): VenRecord => ({
  venId, venName, registrationId: `reg-${venId}`, profileName: '2.0b', transportName: 'simpleHttp',
  httpPullModel: true, xmlSignature: false, reportOnly: false, registeredAt: '2026-01-01T00:00:00.000Z', ...(pollFreqMs ? { pollFreqMs } : {}),
});

/** 1,200 stored VENs v-0000 … named house-N (every 100th is plant-N), none seen yet. */
async function fleet(f: AdminFixture): Promise<void> {
  await putAll(f.vtn.store, 'vens', Array.from({ length: 1200 }, (_, i) => {
    const id = `v-${String(i).padStart(4, '0')}`;
    return [id, ven(id, i % 100 === 0 ? `plant-${i}` : `house-${i}`, i === 1 ? 30_000 : undefined)];
  }));
}

const ids = (res: { json: () => { venId: string }[] }) => res.json().map((v) => v.venId);

describe('admin API for a large fleet', { timeout: 20_000 }, () => {
  it('searches venName and venId in any case across store pages, pages the matches and keeps the search in the next link', async () => {
    const f = await adminSetup();
    await fleet(f);
    const first = await f.call('GET', '/admin/v1/vens?q=PLANT&limit=5');
    expect(ids(first)).toEqual(['v-0000', 'v-0100', 'v-0200', 'v-0300', 'v-0400']);
    expect(first.headers.link).toBe('</admin/v1/vens?after=v-0400&limit=5&q=PLANT>; rel="next"');
    // The matches past the first store page (1,000 VENs) are found too.
    expect(ids(await f.call('GET', '/admin/v1/vens?q=plant&after=v-0900&limit=5'))).toEqual(['v-1000', 'v-1100']);
    expect(ids(await f.call('GET', '/admin/v1/vens?q=v-0042'))).toEqual(['v-0042']);
    expect(ids(await f.call('GET', '/admin/v1/vens?q=nobody'))).toEqual([]);
  });

  it('says which poll period each VEN uses: its own, else the VTN default', async () => {
    const f = await adminSetup();
    await fleet(f);
    const [a, b] = (await f.call('GET', '/admin/v1/vens?limit=2')).json();
    expect(a.pollFreqMs).toBeUndefined();
    expect(a.pollPeriodMs).toBe(f.vtn.ctx.settings.pollFreqMs);
    expect(b).toMatchObject({ pollFreqMs: 30_000, pollPeriodMs: 30_000 });
  });

  it('counts registered, online, offline and never-seen VENs from presence', async () => {
    const f = await adminSetup();
    await fleet(f);
    await f.registeredVen('real-1');
    const res = await f.call('GET', '/admin/v1/fleet');
    expect(res.json()).toMatchObject({ registered: 1201, online: 1, offline: 1200, neverSeen: 1200, defaultPollFreqMs: f.vtn.ctx.settings.pollFreqMs });
  });

  it('totals the fleet, a group, a program and a VEN per bucket; unknown names are 404 with the known ones', async () => {
    const f = await adminSetup();
    await fleet(f);
    const t0 = f.clock.now().getTime() - 10 * 60_000;
    const values = Array.from({ length: 1200 }, (_, i) => [0, 1].map((m) => ({
      venId: `v-${String(i).padStart(4, '0')}`, reportRequestId: 'r', rId: 'p', resourceId: 'm', measurement: 'powerReal', unit: 'W', scale: 'k',
      time: new Date(t0 + m * 60_000), value: 1 + m, // 1 kW in the first minute, 2 in the second
    }))).flat();
    await f.vtn.telemetry.append(values);
    f.admin.attach({
      catalogue: catalogueSource(() => ({
        vens: [{ venName: 'house-1', venId: 'v-0001', groups: ['feeder-7'], programs: ['summer'] }, { venName: 'house-2', groups: ['feeder-7'] }, { venName: 'ghost', venId: 'gone', groups: ['feeder-7'] }],
        programs: [{ name: 'summer', marketContext: 'http://p/summer' }],
      }), f.vtn),
    });
    const from = new Date(t0).toISOString();
    const to = new Date(t0 + 2 * 60_000).toISOString();
    const fleetTotals = (await f.call('GET', `/admin/v1/reports/totals?from=${from}&to=${to}&buckets=2`)).json();
    expect(fleetTotals).toMatchObject({ scope: 'fleet', measurement: 'powerReal', unit: 'W', scale: 'k', bucketMs: 60_000 });
    expect(fleetTotals.points).toEqual([{ time: from, value: 1200, series: 1200 }, { time: new Date(t0 + 60_000).toISOString(), value: 2400, series: 1200 }]);
    const group = (await f.call('GET', `/admin/v1/reports/totals?group=feeder-7&from=${from}&to=${to}&buckets=1`)).json();
    // house-1 by venId, house-2 by name; the entry whose venId is not registered is no member.
    expect(group).toMatchObject({ scope: 'group', name: 'feeder-7', vens: 2, points: [{ value: 3, series: 2 }] });
    expect((await f.call('GET', `/admin/v1/reports/totals?program=summer&from=${from}&to=${to}&buckets=1`)).json()).toMatchObject({ vens: 1, points: [{ value: 1.5 }] });
    expect((await f.call('GET', `/admin/v1/reports/totals?venId=v-0007&from=${from}&to=${to}&buckets=1`)).json().points).toEqual([{ time: from, value: 1.5, series: 1 }]);
    const unknown = await f.call('GET', `/admin/v1/reports/totals?group=feeder-9&from=${from}`);
    expect(unknown.status).toBe(404);
    expect(unknown.json().message).toBe('no group named feeder-9; known: feeder-7');
    expect((await f.call('GET', `/admin/v1/reports/totals?group=feeder-7&venId=v-1&from=${from}`)).json().message).toBe('give one of group, program or venId, not group and venId');
    expect((await f.call('GET', `/admin/v1/catalogue`)).json()).toEqual({ groups: ['feeder-7'], programs: [{ name: 'summer', marketContext: 'http://p/summer' }] });
  });

  it('answers 503 for groups, programs and templates when the policy is not installed', async () => {
    const f = await adminSetup();
    const from = new Date(f.clock.now().getTime() - 60_000).toISOString();
    expect((await f.call('GET', `/admin/v1/reports/totals?group=g&from=${from}`)).json().code).toBe('E_NOT_INSTALLED');
    expect((await f.call('GET', '/admin/v1/catalogue')).status).toBe(503);
    expect((await f.call('GET', '/admin/v1/templates')).status).toBe(503);
    expect((await f.call('GET', `/admin/v1/reports/totals?from=${from}`)).json()).toMatchObject({ scope: 'fleet', points: [] });
  });
});

describe('admin API: events for a large audience', { timeout: 20_000 }, () => {
  it('lists events without per-VEN states, counts an event\'s VENs in one answer, and lists the first N', async () => {
    const f = await adminSetup();
    await fleet(f);
    const venIds = Array.from({ length: 1200 }, (_, i) => `v-${String(i).padStart(4, '0')}`);
    const real = await f.registeredVen('real-1');
    const { eventId } = await f.vtn.addEvent({ venIds: [...venIds, real.venId!], signalName: 'SIMPLE', dtstart: new Date(f.clock.now().getTime() + 60_000), intervals: [{ duration: 'PT1H', payload: 1 }] });
    await real.respondToEvents(await real.poll(), 'optOut');
    const light = (await f.call('GET', '/admin/v1/events?withVens=false')).json();
    expect(light).toHaveLength(1);
    expect(light[0].vens).toEqual([]);
    // The light list does not carry the audience either: 1,201 ids per event would be most of the answer.
    expect(light[0].event.venIds).toBeUndefined();
    expect(light[0].event.venCount).toBe(1201);
    expect(light[0].event.target).toEqual({ venIdCount: 1201 });
    expect(JSON.stringify(light).length).toBeLessThan(2000);
    expect((await f.call('GET', `/admin/v1/events?withVens=false&venId=${real.venId}`)).json().map((v: { event: { eventId: string } }) => v.event.eventId)).toEqual([eventId]);
    expect((await f.call('GET', '/admin/v1/events')).json()[0].vens).toHaveLength(1201);
    expect((await f.call('GET', `/admin/v1/events/${eventId}/summary`)).json()).toEqual({ total: 1201, delivered: 1, optIn: 0, optOut: 1, noAnswer: 1200, refused: 0 });
    const first = (await f.call('GET', `/admin/v1/events/${eventId}/vens?limit=3`)).json();
    expect(first.map((d: { venId: string }) => d.venId)).toHaveLength(3);
  });
});
