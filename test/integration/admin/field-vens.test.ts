// Admin API — field VENs: a report asked for by hand (by venName), cancellation progress and the retired history.
import { describe, expect, it } from 'vitest';
import { reportRequestsOf } from '../../helpers/test-ven.js';
import { adminSetup } from './admin-fixture.js';

describe('admin API: field VENs', () => {
  it('POST /vens/{venName}/report-requests queues an oadrCreateReport the VEN gets on its next poll; an unknown report is 400 E_REPORT_REQUEST', async () => {
    const f = await adminSetup();
    const ven = await f.registeredVen('by-hand');
    await ven.registerReports();
    const res = await f.call('POST', '/admin/v1/vens/by-hand/report-requests', { payload: { reportName: 'TELEMETRY_USAGE', rIds: ['powerReal'], samplingInterval: 'PT1M' } });
    expect(res.status).toBe(202);
    const { reportRequestId } = res.json();
    expect(res.json()).toMatchObject({ venId: ven.venId, queued: 'oadrCreateReport' });
    const create = await ven.poll();
    expect(reportRequestsOf(create)).toEqual([expect.objectContaining({ reportRequestId, reportSpecifierId: 'TELEMETRY_USAGE', granularity: 'PT1M' })]);
    expect((await f.vtn.listReportSubscriptions(ven.venId))[0]).toMatchObject({ state: 'requested', attempts: 1, lastSentVia: 'createReport' });
    const bad = await f.call('POST', '/admin/v1/vens/by-hand/report-requests', { payload: { reportName: 'NO_SUCH_REPORT' } });
    expect(bad.status).toBe(400);
    expect(bad.json().code).toBe('E_REPORT_REQUEST');
  });

  it('DELETE /registration says when the VEN is retired; the VEN detail shows the cancellation, and afterwards /retired-vens says how it ended', async () => {
    const f = await adminSetup();
    const ven = await f.registeredVen('leaving');
    const del = await f.call('DELETE', '/admin/v1/vens/leaving/registration');
    expect(del.status).toBe(202);
    expect(del.json()).toMatchObject({ venId: ven.venId, queued: 'oadrCancelPartyRegistration', retireAt: new Date(f.clock.now().getTime() + 30_000).toISOString() });
    await ven.poll();
    expect((await f.call('GET', `/admin/v1/vens/${ven.venId}`)).json().cancellation).toMatchObject({ sends: 1, retireAt: del.json().retireAt });
    f.clock.advance(30_000);
    expect(await f.vtn.sweepCancellations()).toBe(1);
    const gone = await f.call('GET', `/admin/v1/vens/${ven.venId}`);
    expect(gone.status).toBe(404);
    expect(gone.json().message).toMatch(/retiredBy grace/);
    expect((await f.call('GET', '/admin/v1/retired-vens')).json()).toEqual([expect.objectContaining({ venId: ven.venId, venName: 'leaving', retiredBy: 'grace', cancelSends: 1 })]);
  });
});
