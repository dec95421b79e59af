// Admin API — reports: subscriptions, offers, values as JSON or CSV, aggregates.
import { describe, expect, it } from 'vitest';
import { adminSetup, sendUsage } from './admin-fixture.js';

describe('admin API: reports', () => {
  it('lists subscriptions and offers of a VEN', async () => {
    const f = await adminSetup();
    const ven = await f.registeredVen();
    const reportRequestId = await sendUsage(f, ven, [1.5], f.clock.now());
    const subs = (await f.call('GET', `/admin/v1/reports/subscriptions?venId=${ven.venId}`)).json();
    expect(subs).toEqual([expect.objectContaining({ reportRequestId, venId: ven.venId, reportName: 'TELEMETRY_USAGE', state: expect.any(String) })]);
    expect((await f.call('GET', '/admin/v1/reports/subscriptions?venId=other')).json()).toEqual([]);
    expect((await f.call('GET', '/admin/v1/reports/subscriptions?state=cancelled')).json()).toEqual([]);
    const offers = (await f.call('GET', `/admin/v1/reports/offers?venId=${ven.venId}`)).json();
    expect(offers.map((o: { rId: string }) => o.rId)).toContain('powerReal');
    expect(offers[0].resourceId).toBe('meter-1');
    const noVen = await f.call('GET', '/admin/v1/reports/offers');
    expect(noVen.json()).toEqual({ code: 'E_BAD_REQUEST', message: 'querystring is missing the required field "venId"' });
  });

  it('returns values by VEN, resource, measurement and time range as JSON and CSV', async () => {
    const f = await adminSetup();
    const ven = await f.registeredVen();
    const t0 = new Date(f.clock.now().getTime() - 5 * 60_000);
    await sendUsage(f, ven, [1, 2, 3, 4], t0);
    const all = (await f.call('GET', `/admin/v1/reports/values?venId=${ven.venId}&measurement=powerReal`)).json();
    expect(all.map((v: { value: number }) => v.value)).toEqual([1, 2, 3, 4]);
    expect(all[0]).toMatchObject({ venId: ven.venId, resourceId: 'meter-1', rId: 'powerReal', time: t0.toISOString() });
    const from = new Date(t0.getTime() + 60_000).toISOString();
    const to = new Date(t0.getTime() + 3 * 60_000).toISOString();
    const window = (await f.call('GET', `/admin/v1/reports/values?venId=${ven.venId}&from=${from}&to=${to}`)).json();
    expect(window.map((v: { value: number }) => v.value)).toEqual([2, 3]);
    expect((await f.call('GET', '/admin/v1/reports/values?resourceId=meter-2')).json()).toEqual([]);
    expect((await f.call('GET', '/admin/v1/reports/values?limit=2')).json().map((v: { value: number }) => v.value)).toEqual([3, 4]);

    const csv = await f.call('GET', `/admin/v1/reports/values?venId=${ven.venId}&format=csv`);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    const lines = csv.body.trim().split('\r\n');
    expect(lines[0]).toBe('time,venId,resourceId,measurement,rId,value,unit,scale,durationMs,confidence,accuracy,dataQuality,reportRequestId');
    expect(lines).toHaveLength(5);
    expect(lines[1]!.startsWith(`${t0.toISOString()},${ven.venId},meter-1,powerReal,powerReal,1,`)).toBe(true);
    const byAccept = await f.call('GET', '/admin/v1/reports/values', { headers: { accept: 'text/csv' } });
    expect(byAccept.body.trim().split('\r\n')).toHaveLength(5);

    const avg = await f.call('GET', `/admin/v1/reports/aggregate?venId=${ven.venId}&fn=avg`);
    expect(avg.json()).toEqual({ fn: 'avg', value: 2.5 });
    expect((await f.call('GET', '/admin/v1/reports/aggregate?venId=nobody&fn=max')).json()).toEqual({ fn: 'max', value: null });
  });

  it('refuses bad time bounds, limits and functions with 400', async () => {
    const f = await adminSetup();
    const cases: [string, string][] = [
      ['/admin/v1/reports/values?from=yesterday', 'querystring/from must match format "date-time"'],
      ['/admin/v1/reports/values?limit=0', 'querystring/limit must be >= 1'],
      ['/admin/v1/reports/values?format=xml', 'querystring/format must be one of "json", "csv"'],
      ['/admin/v1/reports/aggregate?fn=median', 'querystring/fn must be one of "sum", "avg", "min", "max", "count"'],
      ['/admin/v1/reports/aggregate', 'querystring is missing the required field "fn"'],
    ];
    for (const [url, message] of cases) {
      const res = await f.call('GET', url);
      expect(res.status, url).toBe(400);
      expect(res.json()).toEqual({ code: 'E_BAD_REQUEST', message });
    }
  });
});
