// The guide's event examples (add_event with dicts, with objects.*, add_raw_event, a future as the callback, the
// three ways to give targets), ported line by line and delivered to the test VEN over real HTTP.
import { describe, expect, it } from 'vitest';
import { OpenADRServer, objects, utils, type RegistrationInfoDict } from '../../../src/openleadr/index.js';
import { TestClock } from '../../helpers/start-vtn.js';
import { eventsOf, responseCode, type ExtractedEvent } from '../../helpers/test-ven.js';
import { printed, registered, stopLater, venFor } from './guide-fixture.js';

const { Event, EventDescriptor, EventSignal, Target, Interval } = objects;
const timedelta = { minutes: (n: number) => n * 60_000 };

/** The guide's snippets leave registration out: this one takes every VEN under its own name. */
const takeEveryone = (info: RegistrationInfoDict) => [info.ven_name!, `reg-${info.ven_name}`] as const;

async function newServer(clock = new TestClock('2020-01-01T11:00:00Z')): Promise<OpenADRServer> {
  const server = stopLater(new OpenADRServer({ vtn_id: 'myvtn', http_port: 0, vtn_options: { now: clock.now, logger: false } }));
  server.add_handler('on_create_party_registration', takeEveryone);
  return server;
}

/** ven123 registers, polls, gets one distribute, answers it; returns the events it got. */
async function deliverTo(server: OpenADRServer, optType: 'optIn' | 'optOut' = 'optIn'): Promise<ExtractedEvent[]> {
  await server.run();
  const ven = await registered(venFor(server, 'ven123'));
  const distribute = await ven.poll();
  expect(distribute.type).toBe('oadrDistributeEvent');
  expect(responseCode(await ven.respondToEvents(distribute, optType))).toBe('200');
  return eventsOf(distribute);
}

async function event_callback(ven_id: string, event_id: string, opt_status: string) {
  console.log(`VEN ${ven_id} responded ${opt_status} to event ${event_id}`);
}

describe("the guide's events", () => {
  it('add_event with interval dicts and target=[{ resource_id }]: delivered to ven123 for Device001, opt status to the callback', async () => {
    const lines = printed();
    const server = await newServer();
    const event_id = await server.add_event({
      ven_id: 'ven123',
      signal_name: 'simple',
      signal_type: 'level',
      intervals: [{ dtstart: new Date(Date.UTC(2020, 0, 1, 12, 0, 0)), duration: timedelta.minutes(15), signal_payload: 1 },
        { dtstart: new Date(Date.UTC(2020, 0, 1, 12, 15, 0)), duration: timedelta.minutes(15), signal_payload: 0 }],
      target: [{ resource_id: 'Device001' }],
      callback: event_callback,
    });
    const [event] = await deliverTo(server, 'optOut');
    expect(event).toMatchObject({ eventId: event_id, dtstart: '2020-01-01T12:00:00Z', duration: 'PT30M', targetResourceIds: ['Device001'] });
    expect(event!.signals[0]!.intervals.map((i) => [i.duration, i.payload])).toEqual([['PT15M', 1], ['PT15M', 0]]);
    await expect(server.opt_response('ven123', event_id)).resolves.toBe('optOut');
    expect(lines).toContain(`VEN ven123 responded optOut to event ${event_id}`);
  });

  it('add_event with objects.Interval and objects.Target', async () => {
    const lines = printed();
    const server = await newServer();
    const event_id = await server.add_event({
      ven_id: 'ven123',
      signal_name: 'simple',
      signal_type: 'level',
      intervals: [new Interval({ dtstart: new Date(Date.UTC(2020, 0, 1, 12, 0, 0)), duration: timedelta.minutes(15), signal_payload: 1 }),
        new Interval({ dtstart: new Date(Date.UTC(2020, 0, 1, 12, 15, 0)), duration: 'PT15M', signal_payload: 0 })],
      target: new Target({ resource_id: 'Device001' }),
      callback: event_callback,
    });
    const [event] = await deliverTo(server);
    expect(event).toMatchObject({ eventId: event_id, duration: 'PT30M', targetResourceIds: ['Device001'] });
    expect(lines).toContain(`VEN ven123 responded optIn to event ${event_id}`);
  });

  it('add_raw_event with Event, EventDescriptor, EventSignal, Target and Interval', async () => {
    const lines = printed();
    const server = await newServer(new TestClock(new Date(Date.now() - 3_600_000)));
    const now = new Date();
    const event = new Event({
      event_descriptor: new EventDescriptor({ event_id: 'event001', modification_number: 0, event_status: 'far', market_context: 'http://marketcontext01' }),
      event_signals: [new EventSignal({ signal_id: 'signal001', signal_type: 'level', signal_name: 'simple',
        intervals: [new Interval({ dtstart: now, duration: timedelta.minutes(10), signal_payload: 1 })] }),
      new EventSignal({ signal_id: 'signal002', signal_type: 'price', signal_name: 'ELECTRICITY_PRICE',
        intervals: [new Interval({ dtstart: now, duration: timedelta.minutes(10), signal_payload: 1 })] })],
      targets: [new Target({ ven_id: 'ven123' })],
    });
    const event_id = await server.add_raw_event({ ven_id: 'ven123', event, callback: event_callback });
    expect(event_id).toBe('event001');
    const [delivered] = await deliverTo(server);
    expect(delivered).toMatchObject({ eventId: 'event001', marketContext: 'http://marketcontext01', duration: 'PT10M', targetVenIds: ['ven123'] });
    expect(delivered!.signals.map((s) => [s.signalId, s.name, s.type])).toEqual([['signal001', 'SIMPLE', 'level'], ['signal002', 'ELECTRICITY_PRICE', 'price']]);
    expect(lines).toContain('VEN ven123 responded optIn to event event001');
  });

  it('a future as the callback: generate_event awaits the opt status', async () => {
    const lines = printed();
    const server = await newServer();
    async function generate_event() {
      const opt_status_future = utils.create_future();
      await server.add_event({ ven_id: 'ven123', signal_name: 'simple', signal_type: 'level',
        intervals: [{ dtstart: '2020-01-01T12:00:00Z', duration: 'PT1H', signal_payload: 2 }], callback: opt_status_future });
      const opt_status = await opt_status_future;
      console.log(`The opt status for this event is ${opt_status}`);
    }
    const generated = generate_event();
    await deliverTo(server, 'optOut');
    await generated;
    expect(lines).toContain('The opt status for this event is optOut');
  });

  it('a deferred from Promise.withResolvers-style code (anything with resolve) works as well', async () => {
    const server = await newServer();
    let resolve!: (v: string) => void;
    const answered = new Promise<string>((r) => { resolve = r; });
    await server.add_event({ ven_id: 'ven123', signal_name: 'simple', signal_type: 'level',
      intervals: [{ dtstart: '2020-01-01T12:00:00Z', duration: 'PT1H', signal_payload: 1 }], callback: { resolve } });
    await deliverTo(server);
    await expect(answered).resolves.toBe('optIn');
  });
});

describe('a word on event targets', () => {
  const intervals = [{ dtstart: '2020-01-01T12:00:00Z', duration: 'PT1H', signal_payload: 1 }];

  it('target= a single objects.Target', async () => {
    const server = await newServer();
    await server.add_event({ ven_id: 'ven123', signal_name: 'simple', signal_type: 'level', intervals, target: new Target({ group_id: 'group01' }) });
    const [event] = await deliverTo(server);
    expect(event).toMatchObject({ targetGroupIds: ['group01'], targetVenIds: [] });
  });

  it('targets= a list of objects.Target', async () => {
    const server = await newServer();
    await server.add_event({ ven_id: 'ven123', signal_name: 'simple', signal_type: 'level', intervals,
      targets: [new Target({ resource_id: 'resource01' }), new Target({ resource_id: 'resource02' }), new Target({ ven_id: 'ven123' })] });
    const [event] = await deliverTo(server);
    expect(event).toMatchObject({ targetResourceIds: ['resource01', 'resource02'], targetVenIds: ['ven123'] });
  });

  it('targets_by_type= targets grouped by their type', async () => {
    const server = await newServer();
    await server.add_event({ ven_id: 'ven123', signal_name: 'simple', signal_type: 'level', intervals,
      targets_by_type: { resource_id: ['resource01', 'resource02'], group_id: ['group01', 'group02'] } });
    const [event] = await deliverTo(server);
    expect(event).toMatchObject({ targetResourceIds: ['resource01', 'resource02'], targetGroupIds: ['group01', 'group02'] });
  });

  it('no target: the target is the ven_id', async () => {
    const server = await newServer();
    await server.add_event({ ven_id: 'ven123', signal_name: 'simple', signal_type: 'level', intervals });
    const [event] = await deliverTo(server);
    expect(event).toMatchObject({ targetVenIds: ['ven123'], targetResourceIds: [] });
  });
});
