// One core, two protocols, over real HTTP: one program, a 2.0b test VEN and a 3.1 VEN client; one event reaches
// both; both VENs' reports land in the one telemetry store, the admin API and the same telemetry rule.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AdminServer } from '../../../src/admin/index.js';
import type { ProgramCatalogue } from '../../../src/openadr3/objects/program-catalogue.js';
import { installPolicy, type DecisionRecord, type PolicyHandle } from '../../../src/rules/index.js';
import { OVER_100_KW_RULE, startOadr3Vtn, type Oadr3World } from '../../helpers/openadr3.js';
import { eventsOf, reportRequestsOf, TestVen } from '../../helpers/test-ven.js';
import { policyProject, type PolicyProject } from '../../unit/rules/policy-project.js';

const MC = 'http://utility.example/programs/summer-peak';
const ADMIN = { authorization: 'Bearer two-protocols-admin-token-0123' };

describe('one program, a 2.0b VEN and a 3.1 VEN', () => {
  let world: Oadr3World;
  let project: PolicyProject;
  let policy: PolicyHandle;
  let admin: AdminServer;
  let ven2b: TestVen;
  let ven31Id: string;
  const clock = new Date('2026-06-01T12:00:00Z');
  const catalogue: ProgramCatalogue = { programs: [{ name: 'summer-peak', marketContext: MC }], vens: [{ venName: 'site-2b', groups: ['feeder-7'], programs: ['summer-peak'] }] };
  beforeAll(async () => {
    world = await startOadr3Vtn({ vtn: { now: () => clock }, install: { catalogue: () => catalogue } });
    project = policyProject();
    // The shipped registration and report-subscription rules, and one telemetry rule for any VEN over 100 kW.
    project.write('rules/telemetry.json', OVER_100_KW_RULE);
    policy = installPolicy(world.vtn, { baseDir: project.root });
    admin = new AdminServer({ vtn: world.vtn, config: { token: ADMIN.authorization.slice(7) }, processMetrics: false, env: {} });
    ven2b = new TestVen({ baseUrl: new URL(world.base).origin, venName: 'site-2b' });
    await ven2b.register();
    expect(ven2b.venId).toBeDefined();
    const ven31 = await world.tokenFor('site-31', 'ven');
    const created = await world.call<{ id: string }>('createVen', { token: ven31, body: { objectType: 'VEN_VEN_REQUEST', venName: 'site-31' } });
    expect(created.status).toBe(201);
    ven31Id = created.body.id;
    // BL grants the 3.1 VEN the group the 2.0b VEN has in the catalogue.
    const bl = await world.tokenFor('business', 'bl');
    expect((await world.call('updateVen', { token: bl, params: { venID: ven31Id }, body: { objectType: 'BL_VEN_REQUEST', clientID: 'site-31', venName: 'site-31', targets: ['feeder-7'] } })).status).toBe(200);
  });
  afterAll(async () => {
    policy?.close();
    await admin?.close();
    await world?.close();
    project?.dispose();
  });

  it('one event reaches both; both report; the values are in the admin API and in the telemetry rule', async () => {
    const bl = await world.tokenFor('business', 'bl');
    const ven31 = await world.tokenFor('site-31', 'ven');
    const created = await world.call<{ id: string }>('createEvent', { token: bl, body: {
      programID: 'summer-peak', eventName: 'shed', targets: ['feeder-7'],
      intervalPeriod: { start: '2026-06-01T13:00:00Z', duration: 'PT1H' }, intervals: [{ id: 0, payloads: [{ type: 'SIMPLE', values: [2] }] }],
    } });
    expect(created.status).toBe(201);
    const eventId = created.body.id;
    // 2.0b: oadrDistributeEvent over HTTP (XSD-checked by the test VEN); 3.1: GET /events with its granted target.
    expect(eventsOf(await ven2b.requestEvent()).map((e) => e.eventId)).toContain(eventId);
    const read = await world.call<{ id: string }[]>('searchAllEvents', { token: ven31, query: { programID: 'summer-peak', targets: ['feeder-7'] } });
    expect(read.body.map((e) => e.id)).toEqual([eventId]);

    // 2.0b report: the shipped rules subscribe powerReal; the VEN sends 150 kW.
    expect((await ven2b.poll()).type).toBe('oadrRegisterReport');
    const usage = reportRequestsOf(await ven2b.registerReports()).find((q) => q.reportSpecifierId === 'TELEMETRY_USAGE')!;
    await ven2b.updateReport([{ reportRequestId: usage.reportRequestId, reportSpecifierId: 'TELEMETRY_USAGE', reportName: 'TELEMETRY_USAGE', dtstart: clock, duration: 'PT1M',
      intervals: [{ dtstart: clock, duration: 'PT1M', payloads: [{ rId: 'powerReal', value: 150 }] }] }]);
    // 3.1 report: DEMAND 200 kW on the event.
    const report = await world.call('createReport', { token: ven31, body: {
      eventID: eventId, clientName: 'site-31',
      payloadDescriptors: [{ objectType: 'REPORT_PAYLOAD_DESCRIPTOR', payloadType: 'DEMAND', units: 'KW' }],
      resources: [{ resourceName: 'meter-1', intervalPeriod: { start: clock.toISOString(), duration: 'PT1M' }, intervals: [{ id: 0, payloads: [{ type: 'DEMAND', values: [200] }] }] }],
    } });
    expect(report.status).toBe(201);

    for (const [venId, value] of [[ven2b.venId!, 150], [ven31Id, 200]] as const) {
      const res = await admin.app.inject({ method: 'GET', url: `/admin/v1/reports/values?venId=${venId}&measurement=powerReal`, headers: ADMIN });
      expect(res.statusCode).toBe(200);
      expect(res.json().map((v: { value: number }) => v.value)).toEqual([value]);
    }
    const decisions = await world.vtn.store.unit((u) => u.collection<DecisionRecord>('decisions').list());
    const subjects = decisions.map((d) => d.value).filter((d) => d.trigger === 'telemetry' && d.outcomes.some((o) => o.includes('over 100 kW'))).map((d) => d.subject);
    expect(subjects.sort()).toEqual([ven2b.venId!, ven31Id].sort());
  });
});
