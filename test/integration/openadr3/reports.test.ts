// /reports: VEN clients report on events; values land in the telemetry store 2.0b reports fill (admin API,
// telemetry rules), OPERATING_STATE says opt-in/out as oadrCreatedEvent does, privacy by clientID, per-client caps.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AdminServer } from '../../../src/admin/index.js';
import { installPolicy, type PolicyHandle } from '../../../src/rules/index.js';
import type { DecisionRecord } from '../../../src/rules/index.js';
import { OVER_100_KW_RULE, startOadr3Vtn, type Oadr3World } from '../../helpers/openadr3.js';
import { policyProject, type PolicyProject } from '../../unit/rules/policy-project.js';

interface Report { id: string; clientID: string; eventID: string; clientName: string; objectType: string }

const usage = (eventID: string, kw: number[], start: string, extra: object = {}) => ({
  eventID, clientName: 'site-a', reportName: 'demand', ...extra,
  payloadDescriptors: [{ objectType: 'REPORT_PAYLOAD_DESCRIPTOR', payloadType: 'DEMAND', units: 'KW', readingType: 'MEAN' }],
  resources: [{ resourceName: 'meter-1', intervalPeriod: { start, duration: 'PT1M' }, intervals: kw.map((v, id) => ({ id, payloads: [{ type: 'DEMAND', values: [v] }] })) }],
});

describe('OpenADR 3.1 reports', () => {
  let world: Oadr3World;
  let project: PolicyProject;
  let policy: PolicyHandle;
  let admin: AdminServer;
  let eventId: string;
  let venOfA: string;
  const clock = new Date('2026-06-01T12:00:00Z');
  beforeAll(async () => {
    world = await startOadr3Vtn({ vtn: { now: () => clock }, openadr3: { limits: { reportsPerClient: 4 } } });
    project = policyProject();
    // Closed loop on the 3.1 VEN's values: any VEN drawing over 100 kW is logged by a telemetry rule.
    project.write('rules/telemetry.json', OVER_100_KW_RULE);
    policy = installPolicy(world.vtn, { baseDir: project.root });
    admin = new AdminServer({ vtn: world.vtn, config: { token: 'admin-token-0123456789' }, processMetrics: false, env: {} });
    ({ eventId } = await world.vtn.addEvent({ venIds: ['a-2.0b-ven'], signalName: 'SIMPLE', dtstart: new Date('2026-06-01T12:05:00Z'), intervals: [{ duration: 'PT1H', payload: 1 }] }));
    const a = await world.tokenFor('site-a', 'ven');
    venOfA = (await world.call<{ id: string }>('createVen', { token: a, body: { objectType: 'VEN_VEN_REQUEST', venName: 'site-a' } })).body.id;
    await world.call('createVen', { token: await world.tokenFor('site-b', 'ven'), body: { objectType: 'VEN_VEN_REQUEST', venName: 'site-b' } });
  });
  afterAll(async () => {
    policy.close();
    await admin.close();
    await world.close();
    project.dispose();
  });

  it('a VEN reports: the VTN writes metadata and clientID; values reach the telemetry store labelled like 2.0b values', async () => {
    const a = await world.tokenFor('site-a', 'ven');
    const res = await world.call<Report>('createReport', { token: a, body: usage(eventId, [120, 130], '2026-06-01T12:05:00Z', { clientID: 'forged', id: 'x' }) });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ objectType: 'REPORT', clientID: 'site-a', eventID: eventId });
    expect(res.body.id).not.toBe('x');
    const values = await world.vtn.telemetry.query({ venId: venOfA });
    expect(values.map((v) => ({ resourceId: v.resourceId, measurement: v.measurement, unit: v.unit, scale: v.scale, value: v.value, time: v.time.toISOString(), durationMs: v.durationMs }))).toEqual([
      { resourceId: 'meter-1', measurement: 'powerReal', unit: 'W', scale: 'k', value: 120, time: '2026-06-01T12:05:00.000Z', durationMs: 60_000 },
      { resourceId: 'meter-1', measurement: 'powerReal', unit: 'W', scale: 'k', value: 130, time: '2026-06-01T12:06:00.000Z', durationMs: 60_000 },
    ]);
  });

  it('the values are in the admin API and fire a telemetry rule, as a 2.0b VEN\'s do', async () => {
    const res = await admin.app.inject({ method: 'GET', url: `/admin/v1/reports/values?venId=${venOfA}`, headers: { authorization: 'Bearer admin-token-0123456789' } });
    expect(res.statusCode).toBe(200);
    expect(res.json().map((v: { value: number }) => v.value)).toEqual([120, 130]);
    const decisions = await world.vtn.store.unit((u) => u.collection<DecisionRecord>('decisions').list());
    const fired = decisions.map((d) => d.value).filter((d) => d.trigger === 'telemetry');
    expect(fired).toHaveLength(1);
    expect(fired[0]).toMatchObject({ subject: venOfA, outcomes: expect.arrayContaining([expect.stringContaining('over 100 kW')]) });
  });

  it('another VEN cannot read, change or delete the report; BL reads all and filters', async () => {
    const a = await world.tokenFor('site-a', 'ven');
    const b = await world.tokenFor('site-b', 'ven');
    const bl = await world.tokenFor('bl', 'bl');
    const [mine] = (await world.call<Report[]>('searchAllReports', { token: a })).body;
    expect(mine).toBeDefined();
    expect((await world.call<Report[]>('searchAllReports', { token: b })).body).toEqual([]);
    expect((await world.call('searchReportsByReportID', { token: b, params: { reportID: mine!.id } })).status).toBe(404);
    expect((await world.call('updateReport', { token: b, params: { reportID: mine!.id }, body: usage(eventId, [1], '2026-06-01T12:05:00Z') })).status).toBe(404);
    expect((await world.call('deleteReport', { token: b, params: { reportID: mine!.id } })).status).toBe(404);
    expect((await world.call<Report[]>('searchAllReports', { token: bl, query: { eventID: eventId } })).body.map((r) => r.id)).toEqual([mine!.id]);
    expect((await world.call<Report[]>('searchAllReports', { token: bl, query: { clientName: 'nobody' } })).body).toEqual([]);
    // The event went to the default market context: its program's id finds the report, another id does not.
    const programs = (await world.call<{ id: string }[]>('searchAllPrograms', { token: bl })).body;
    const found = await Promise.all(programs.map(async (pr) => (await world.call<Report[]>('searchAllReports', { token: bl, query: { programID: pr.id } })).body.length));
    expect(found.filter((n) => n > 0)).toEqual([1]);
    expect((await world.call<Report[]>('searchAllReports', { token: bl, query: { programID: 'no-such-program' } })).body).toEqual([]);
    // BL holds no write_reports scope: reports are the VENs' to write.
    expect((await world.call('createReport', { token: bl, body: usage(eventId, [1], '2026-06-01T12:05:00Z') })).status).toBe(403);
  });

  it('an update appends only the values not taken in before', async () => {
    const a = await world.tokenFor('site-a', 'ven');
    const [mine] = (await world.call<Report[]>('searchAllReports', { token: a })).body;
    const res = await world.call<Report>('updateReport', { token: a, params: { reportID: mine!.id }, body: usage(eventId, [120, 130, 140], '2026-06-01T12:05:00Z') });
    expect(res.status).toBe(200);
    expect((await world.vtn.telemetry.query({ venId: venOfA })).map((v) => v.value)).toEqual([120, 130, 140]);
  });

  it('OPERATING_STATE opted out is recorded as the VEN\'s opt-out of the event, like an oadrCreatedEvent optOut', async () => {
    const a = await world.tokenFor('site-a', 'ven');
    const answered = world.vtn.ctx.optListeners.wait(eventId, venOfA);
    const body = {
      eventID: eventId, clientName: 'site-a',
      resources: [{ resourceName: 'meter-1', intervals: [{ id: 0, payloads: [{ type: 'OPERATING_STATE', values: ['RUNNING_OPTED_OUT'] }] }] }],
    };
    expect((await world.call('createReport', { token: a, body })).status).toBe(201);
    await expect(answered).resolves.toBe('optOut');
    expect(await world.vtn.optState(eventId, venOfA)).toMatchObject({ response: 'optOut', effective: 'optOut' });
    const back = { ...body, resources: [{ resourceName: 'meter-1', intervals: [{ id: 0, payloads: [{ type: 'OPERATING_STATE', values: ['RUNNING_NORMAL'] }] }] }] };
    expect((await world.call('createReport', { token: a, body: back })).status).toBe(201);
    expect(await world.vtn.optState(eventId, venOfA)).toMatchObject({ response: 'optIn' });
  });

  it('the 3.1 VEN\'s answer is in the admin event view and its per-VEN list, beside the 2.0b audience', async () => {
    const get = async (url: string) => {
      const res = await admin.app.inject({ method: 'GET', url, headers: { authorization: 'Bearer admin-token-0123456789' } });
      expect(res.statusCode).toBe(200);
      return res.json();
    };
    const view = await get(`/admin/v1/events/${eventId}`) as { vens: { venId: string }[] };
    expect(view.vens).toEqual([{ venId: 'a-2.0b-ven' }, { venId: venOfA, protocol: 'openadr3', response: 'optIn', responseCode: 200, effective: 'optIn' }]);
    const list = await get(`/admin/v1/events/${eventId}/vens`) as { venId: string; protocol?: string; respondedAt?: string }[];
    expect(list.find((d) => d.venId === venOfA)).toMatchObject({ protocol: 'openadr3', response: 'optIn', respondedAt: expect.any(String) });
    expect(await get(`/admin/v1/events/${eventId}/summary`)).toMatchObject({ total: 2, optIn: 1, noAnswer: 1 });
  });

  it('refuses a report on an unknown event (404), without a ven object (403), over the cap (409), and huge values (400)', async () => {
    const a = await world.tokenFor('site-a', 'ven');
    expect((await world.call('createReport', { token: a, body: usage('no-such-event', [1], '2026-06-01T12:05:00Z') })).status).toBe(404);
    const loner = await world.tokenFor('no-ven', 'ven');
    const noVen = await world.call<{ detail: string }>('createReport', { token: loner, body: usage(eventId, [1], '2026-06-01T12:05:00Z') });
    expect(noVen.status).toBe(403);
    expect(noVen.body.detail).toContain('POST /vens');
    const huge = await world.call('createReport', { token: a, body: usage(eventId, [1e301], '2026-06-01T13:05:00Z') });
    expect(huge.status).toBe(400);
    // site-a holds 3 reports; the cap is 4.
    expect((await world.call('createReport', { token: a, body: usage(eventId, [1], '2026-06-01T13:05:00Z') })).status).toBe(201);
    const over = await world.call<{ detail: string }>('createReport', { token: a, body: usage(eventId, [1], '2026-06-01T14:05:00Z') });
    expect(over.status).toBe(409);
    expect(over.body.detail).toContain('reportsPerClient');
    const [oldest] = (await world.call<Report[]>('searchAllReports', { token: a, query: { limit: '1' } })).body;
    expect((await world.call('deleteReport', { token: a, params: { reportID: oldest!.id } })).status).toBe(200);
    expect((await world.call('createReport', { token: a, body: usage(eventId, [1], '2026-06-01T14:05:00Z') })).status).toBe(201);
  });
});
