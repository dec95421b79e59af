// The guide's on_poll and on_created_event: the VTN's own queue is off, on_poll hands out
// [message_type, message_payload], and the VEN's opt status reaches on_created_event.
import { describe, expect, it } from 'vitest';
import { OpenADRServer, objects, type PollResult } from '../../../src/openleadr/index.js';
import { eventsOf, responseCode } from '../../helpers/test-ven.js';
import { printed, stopLater, venFor } from './guide-fixture.js';

const { Event, EventDescriptor, EventSignal, Interval, Target } = objects;

const anEvent = (event_id: string, ven_id: string) => new Event({
  event_descriptor: new EventDescriptor({ event_id, modification_number: 0, market_context: 'oadr://my.market', event_status: 'far', created_date_time: '2026-06-01T10:00:00Z' }),
  event_signals: [new EventSignal({ signal_id: 'sig-1', signal_name: 'simple', signal_type: 'level',
    intervals: [new Interval({ dtstart: '2026-06-01T12:00:00Z', duration: 'PT30M', signal_payload: 2 })] })],
  targets: [new Target({ ven_id })],
});

describe("the guide's custom on_poll", () => {
  it('on_poll returns (message_type, message_payload) or None; opt statuses reach on_created_event', async () => {
    const lines = printed();
    const queue = new Map<string, PollResult[]>();

    async function on_poll(ven_id: string): Promise<PollResult> {
      const next = queue.get(ven_id)?.shift();
      if (next === undefined) return null;
      const [message_type, message_payload] = next as readonly [string, Record<string, unknown>];
      return [message_type, message_payload];
    }

    async function on_created_event(ven_id: string, event_id: string, opt_status: string) {
      console.log(`Ven ${ven_id} returned ${opt_status} for event ${event_id}`);
      // return None
    }

    const server = stopLater(new OpenADRServer({ vtn_id: 'myvtn', http_port: 0, vtn_options: { logger: false } }));
    server.add_handler('on_create_party_registration', (info) => [info.ven_name!, 'reg-p'] as const);
    server.add_handler('on_poll', on_poll);
    server.add_handler('on_created_event', on_created_event);
    await server.run();

    const ven = venFor(server, 'ven-p');
    expect(responseCode(await ven.register())).toBe('200');
    queue.set('ven-p', [['oadrDistributeEvent', { events: [anEvent('custom-1', 'ven-p')] }], ['oadrRequestReregistration', {}]]);

    const distribute = await ven.poll();
    expect(eventsOf(distribute).map((e) => [e.eventId, e.status, e.dtstart, e.duration, e.marketContext, e.targetVenIds]))
      .toEqual([['custom-1', 'far', '2026-06-01T12:00:00Z', 'PT30M', 'oadr://my.market', ['ven-p']]]);
    expect(responseCode(await ven.respondToEvents(distribute, 'optOut'))).toBe('200');
    expect(lines).toContain('Ven ven-p returned optOut for event custom-1');

    expect((await ven.poll()).type).toBe('oadrRequestReregistration');
    const nothing = await ven.poll();
    expect([nothing.type, responseCode(nothing)]).toEqual(['oadrResponse', '200']);

    // As in OpenLEADR, the internal queue is off: add_event is refused instead of queuing an event nobody delivers.
    await expect(server.add_event({ ven_id: 'ven-p', signal_name: 'simple', signal_type: 'level', intervals: [{ dtstart: '2026-06-01T14:00:00Z', duration: 'PT1H', signal_payload: 1 }] }))
      .rejects.toMatchObject({ code: 'E_EVENT_INVALID', message: expect.stringContaining('on_poll') });
  });

  it('on_poll may also return an event or a list of events; a shape it cannot send fails that poll, loudly', async () => {
    const answers: unknown[] = [anEvent('custom-2', 'ven-q'), [anEvent('custom-3', 'ven-q')], ['oadrCreateReport', {}]];
    const errors: unknown[] = [];
    const logger = { info() {}, debug() {}, warn() {}, error: (o: unknown) => void errors.push(o) };
    const server = stopLater(new OpenADRServer({ vtn_id: 'myvtn', http_port: 0, vtn_options: { logger } }));
    server.add_handler('on_create_party_registration', (info) => [info.ven_name!, 'reg-q'] as const);
    server.add_handler('on_poll', () => answers.shift() as PollResult);
    await server.run();
    const ven = await registeredWithoutPoll(server);
    expect(eventsOf(await ven.poll()).map((e) => e.eventId)).toEqual(['custom-2']);
    expect(eventsOf(await ven.poll()).map((e) => e.eventId)).toEqual(['custom-3']);
    const failed = await ven.poll();
    expect(failed.status).toBe(500);
    expect(errors.map((o) => String((o as { err?: Error }).err?.message))).toEqual([expect.stringContaining('message type "oadrCreateReport"')]);
  });
});

async function registeredWithoutPoll(server: OpenADRServer) {
  const ven = venFor(server, 'ven-q');
  expect(responseCode(await ven.register())).toBe('200');
  return ven;
}
