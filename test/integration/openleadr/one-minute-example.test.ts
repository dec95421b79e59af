// The guide's "1-minute VTN example", ported line by line, against the test VEN over real HTTP on 127.0.0.1.
import { describe, expect, it } from 'vitest';
import { OpenADRServer, type RegistrationInfoDict, type ReportData } from '../../../src/openleadr/index.js';
import { TestClock } from '../../helpers/start-vtn.js';
import { eventsOf, reportRequestsOf, responseCode, venIdOf } from '../../helpers/test-ven.js';
import * as X from '../../helpers/ven-xml/index.js';
import { printed, registered, stopLater, update, utc, venFor } from './guide-fixture.js';

describe("the guide's 1-minute VTN example", () => {
  it('accepts ven123 only, requests every offered report at its minimum interval, delivers the event and reports its opt status', async () => {
    const lines = printed();
    const clock = new TestClock('2021-01-01T11:00:00Z');

    // ---- the guide's code, in JavaScript ----
    async function on_create_party_registration(registration_info: RegistrationInfoDict) {
      // Inspect the registration info and return a ven_id and registration_id.
      if (registration_info['ven_name'] === 'ven123') {
        const ven_id = 'ven_id_123';
        const registration_id = 'reg_id_123';
        return [ven_id, registration_id] as const;
      } else {
        return false;
      }
    }

    async function on_register_report(ven_id: string, resource_id: string | null, measurement: string | null, unit: string | null, scale: string | null,
      min_sampling_interval: number | null, max_sampling_interval: number | null) {
      // Inspect a report offering from the VEN and return a callback and sampling interval for receiving the reports.
      void unit; void scale; void max_sampling_interval;
      const callback = (data: ReportData) => on_update_report(data, ven_id, resource_id, measurement);
      const sampling_interval = min_sampling_interval!;
      return [callback, sampling_interval] as const;
    }

    async function on_update_report(data: ReportData, ven_id: string, resource_id: string | null, measurement: string | null) {
      // Callback that receives report data from the VEN and handles it.
      for (const [time, value] of data) {
        console.log(`Ven ${ven_id} reported ${measurement} = ${value} at time ${time.toISOString()} for resource ${resource_id}`);
      }
    }

    async function event_response_callback(ven_id: string, event_id: string, opt_type: string) {
      // Callback that receives the response from a VEN to an Event.
      console.log(`VEN ${ven_id} responded to Event ${event_id} with: ${opt_type}`);
    }

    // Create the server object (a free port and the test clock instead of 8080 and the wall clock)
    const server = stopLater(new OpenADRServer({ vtn_id: 'myvtn', http_port: 0, vtn_options: { now: clock.now, logger: false } }));

    // Add the handler for client (VEN) registrations
    server.add_handler('on_create_party_registration', on_create_party_registration);

    // Add the handler for report registrations from the VEN
    server.add_handler('on_register_report', on_register_report);

    // Add a prepared event for a VEN that will be picked up when it polls for new messages.
    const event_id = await server.add_event({
      ven_id: 'ven_id_123',
      signal_name: 'simple',
      signal_type: 'level',
      intervals: [{ dtstart: new Date(Date.UTC(2021, 0, 1, 12, 0, 0)), duration: 10 * 60_000, signal_payload: 1 }],
      callback: event_response_callback,
    });

    // Run the server (the guide runs it on the asyncio event loop)
    await server.run();
    // ---- end of the guide's code ----

    const opt_status = server.opt_response('ven_id_123', event_id);

    // Another VEN is refused, with no venID.
    const stranger = venFor(server, 'ven456');
    const refused = await stranger.register();
    expect(refused.type).toBe('oadrCreatedPartyRegistration');
    expect(responseCode(refused)).toBe('463');
    expect(venIdOf(refused) ?? '').toBe('');

    // ven123 gets the ids the handler chose.
    const ven = await registered(venFor(server, 'ven123'));
    expect([ven.venId, ven.registrationId]).toEqual(['ven_id_123', 'reg_id_123']);

    // Every offered data point is requested, at the VEN's minimum sampling interval.
    const rate = { minPeriod: 'PT30S', maxPeriod: 'PT5M', onChange: false };
    const offers = [X.telemetryUsageMetadata({ resourceId: 'device001', samplingRate: rate }), X.telemetryStatusMetadata({ resourceId: 'device001', samplingRate: rate })];
    const requests = reportRequestsOf(await ven.registerReports(offers));
    expect(requests.map((r) => [r.reportSpecifierId, r.granularity, r.specifiers.map((s) => s.rId).sort()])).toEqual([
      ['TELEMETRY_USAGE', 'PT30S', ['energyReal', 'powerReal', 'voltage']],
      ['TELEMETRY_STATUS', 'PT30S', ['status']],
    ]);

    // The event is delivered on the next poll; the VEN opts in; the callback and the promise hear it.
    const distribute = await ven.poll();
    expect(eventsOf(distribute).map((e) => [e.eventId, e.dtstart, e.duration, e.signals[0]?.name, e.signals[0]?.intervals[0]?.payload]))
      .toEqual([[event_id, '2021-01-01T12:00:00Z', 'PT10M', 'SIMPLE', 1]]);
    expect(responseCode(await ven.respondToEvents(distribute, 'optIn'))).toBe('200');
    expect(await opt_status).toBe('optIn');
    expect(lines).toContain(`VEN ven_id_123 responded to Event ${event_id} with: optIn`);

    // Values arrive in the callback as (time, value) pairs, labelled by the partial's arguments.
    const usage = requests[0]!;
    const at = utc(2021, 1, 1, 11, 0, 30);
    expect(responseCode(await ven.updateReport([update(usage.reportRequestId, 'TELEMETRY_USAGE', at, { powerReal: 12.5, voltage: 231 })]))).toBe('200');
    expect(lines).toEqual(expect.arrayContaining([
      'Ven ven_id_123 reported RealPower = 12.5 at time 2021-01-01T11:00:30.000Z for resource device001',
      'Ven ven_id_123 reported Voltage = 231 at time 2021-01-01T11:00:30.000Z for resource device001',
    ]));
  });
});
