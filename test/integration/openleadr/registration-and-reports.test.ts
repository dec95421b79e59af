// The guide's registration example (with its database pseudo-code as a small fake) and the "Message Handlers"
// section's on_create_party_registration, on_register_report (both forms) and on_cancel_party_registration.
import { describe, expect, it } from 'vitest';
import { OpenADRServer, utils, type RegistrationInfoDict, type ReportData, type ReportDict } from '../../../src/openleadr/index.js';
import { reportRequestsOf, responseCode } from '../../helpers/test-ven.js';
import { registered, stopLater, update, venFor } from './guide-fixture.js';

const { generate_id } = utils;

/** The guide's `database`: the two statements its example runs, over one in-memory table of VENs. */
class FakeDatabase {
  readonly vens = new Map<string, { ven_id?: string; registration_id?: string }>();
  async query(sql: string, params: readonly string[]): Promise<number | undefined> {
    if (/^\s*SELECT COUNT\(\*\)/.test(sql)) return this.vens.has(params[0]!) ? 1 : 0;
    if (/^\s*UPDATE vens/.test(sql)) {
      const [ven_id, registration_id, ven_name] = params;
      this.vens.set(ven_name!, { ven_id: ven_id!, registration_id: registration_id! });
      return undefined;
    }
    throw new Error(`FakeDatabase cannot run ${sql}`);
  }
}

async function startedServer(): Promise<OpenADRServer> {
  const server = stopLater(new OpenADRServer({ vtn_id: 'myvtn', http_port: 0, vtn_options: { logger: false } }));
  await server.run();
  return server;
}

describe("the guide's registration example", () => {
  it('a VEN the database knows gets generated ids, stored back in the database; others are refused', async () => {
    const database = new FakeDatabase();
    database.vens.set('ven-known', {});

    async function on_create_party_registration(payload: RegistrationInfoDict) {
      const ven_name = payload['ven_name']!;
      // Check whether or not this VEN is allowed to register
      const result = await database.query(`SELECT COUNT(*)
                                             FROM vens
                                            WHERE ven_name = ?`, [ven_name]);
      if (result === 1) {
        // Generate an ID for this registration
        const ven_id = generate_id();
        const registration_id = generate_id();

        // Store the registration in a database (pseudo-code)
        await database.query(`UPDATE vens
                                 SET ven_id = ?
                                 registration_id = ?
                               WHERE ven_name = ?`, [ven_id, registration_id, ven_name]);

        // Return the registration ID.
        // This will be put into the correct form by the OpenADRServer.
        return [ven_id, registration_id] as const;
      }
      return undefined;
    }

    const server = stopLater(new OpenADRServer({ vtn_id: 'myvtn', http_port: 0, vtn_options: { logger: false } }));
    server.add_handler('on_create_party_registration', on_create_party_registration);
    await server.run();

    const known = venFor(server, 'ven-known');
    expect(responseCode(await known.register())).toBe('200');
    expect(database.vens.get('ven-known')).toEqual({ ven_id: known.venId, registration_id: known.registrationId });
    expect(known.venId).toMatch(/^[0-9a-f-]{36}$/);

    const unknown = venFor(server, 'ven-unknown');
    expect(responseCode(await unknown.register())).toBe('463');
    expect(database.vens.has('ven-unknown')).toBe(false);
  });
});

describe('Message Handlers', () => {
  it('on_create_party_registration gets registration_info with snake_case keys; None refuses', async () => {
    const seen: RegistrationInfoDict[] = [];
    const known = new Map([['ven-a', ['ven-id-a', 'reg-id-a'] as const]]);
    async function on_create_party_registration(registration_info: RegistrationInfoDict) {
      seen.push(registration_info);
      const ven_name = registration_info['ven_name']!;
      const ven_is_known = known.has(ven_name);
      if (ven_is_known) {
        const [ven_id, registration_id] = known.get(ven_name)!;
        return [ven_id, registration_id] as const;
      } else {
        return null;
      }
    }
    const server = stopLater(new OpenADRServer({ vtn_id: 'myvtn', http_port: 0, vtn_options: { logger: false } }));
    server.add_handler('on_create_party_registration', on_create_party_registration);
    await server.run();
    const a = venFor(server, 'ven-a');
    expect(responseCode(await a.register())).toBe('200');
    expect([a.venId, a.registrationId]).toEqual(['ven-id-a', 'reg-id-a']);
    expect(responseCode(await venFor(server, 'ven-b').register())).toBe('463');
    expect(seen[0]).toMatchObject({ ven_name: 'ven-a', profile_name: '2.0b', transport_name: 'simpleHttp', http_pull_model: true, xml_signature: false, report_only: false });
    expect(typeof seen[0]!.request_id).toBe('string');
  });

  it('on_register_report returns (callback, requested_sampling_interval) for the reports it wants, None for the others', async () => {
    const got: ReportData[] = [];
    const callback = (data: ReportData) => void got.push(data);
    async function on_register_report(ven_id: string, resource_id: string | null, measurement: string | null, unit: string | null, scale: string | null,
      min_sampling_interval: number | null, max_sampling_interval: number | null) {
      void ven_id; void resource_id; void unit; void scale; void max_sampling_interval;
      const requested_sampling_interval = Math.max(60_000, min_sampling_interval ?? 0);
      // If we want this report:
      if (measurement === 'RealPower') return [callback, requested_sampling_interval] as const;
      // or
      return null;
    }
    const server = await startedServer();
    server.add_handler('on_create_party_registration', (info) => [info.ven_name!, 'reg-1']);
    server.add_handler('on_register_report', on_register_report);
    const ven = await registered(venFor(server, 'ven-r'));
    const [only, ...rest] = reportRequestsOf(await ven.registerReports());
    expect(rest).toEqual([]);
    expect([only!.granularity, only!.specifiers.map((s) => s.rId)]).toEqual(['PT1M', ['powerReal']]);
    const at = new Date('2026-06-01T12:00:00Z');
    await ven.updateReport([update(only!.reportRequestId, 'TELEMETRY_USAGE', at, { powerReal: 3.5 })]);
    expect(got).toEqual([[[at, 3.5]]]);
  });

  it('the full form (one parameter, the report) returns the r_ids it wants as [r_id, callback, sampling_interval, reporting_interval]', async () => {
    const reports: ReportDict[] = [];
    const got: ReportData[] = [];
    async function on_register_report(report: ReportDict) {
      reports.push(report);
      if (report.report_name !== 'METADATA_TELEMETRY_USAGE') return null;
      return report.report_descriptions.filter((d) => d.measurement?.name === 'energyReal')
        .map((d) => [d.r_id, (data: ReportData) => void got.push(data), 'PT15M', 'PT1H'] as const);
    }
    const server = await startedServer();
    server.add_handler('on_create_party_registration', (info) => [info.ven_name!, 'reg-2']);
    server.add_handler('on_register_report', on_register_report);
    const ven = await registered(venFor(server, 'ven-f'));
    const requests = reportRequestsOf(await ven.registerReports());
    expect(requests.map((r) => [r.reportSpecifierId, r.granularity, r.reportBackDuration, r.specifiers.map((s) => s.rId)]))
      .toEqual([['TELEMETRY_USAGE', 'PT15M', 'PT1H', ['energyReal']]]);
    expect(reports.map((r) => r.report_name)).toEqual(['METADATA_TELEMETRY_USAGE', 'METADATA_TELEMETRY_STATUS']);
    expect(reports[0]!.report_descriptions[0]).toMatchObject({
      r_id: 'powerReal', report_type: 'usage', reading_type: 'Direct Read',
      sampling_rate: { min_period: 10_000, max_period: 900_000, on_change: false },
      measurement: { name: 'powerReal', description: 'RealPower', unit: 'W', scale: 'k' },
    });
    const at = new Date('2026-06-01T12:00:00Z');
    await ven.updateReport([update(requests[0]!.reportRequestId, 'TELEMETRY_USAGE', at, { energyReal: 7 })]);
    expect(got).toEqual([[[at, 7]]]);
  });

  it('on_cancel_party_registration hears the VEN cancel, with its ven_id and registration_id', async () => {
    const cancelled: unknown[] = [];
    const server = await startedServer();
    server.add_handler('on_create_party_registration', (info) => [info.ven_name!, 'reg-c']);
    server.add_handler('on_cancel_party_registration', async (payload) => {
      // You should deregister the VEN internally, and return None.
      cancelled.push(payload);
      return null;
    });
    const ven = await registered(venFor(server, 'ven-c'));
    expect(responseCode(await ven.cancelRegistration())).toBe('200');
    expect(cancelled).toEqual([{ ven_id: 'ven-c', registration_id: 'reg-c' }]);
  });
});
