// OpenADRServer's own surface: handler names, refused input that loses nothing, opt_response, logging, the typed VTN below.
import { describe, expect, it, vi } from 'vitest';
import { enable_default_logging, OpenADRServer } from '../../../src/openleadr/index.js';
import { TestClock } from '../../helpers/start-vtn.js';
import { eventsOf, responseCode } from '../../helpers/test-ven.js';
import { registered, stopLater, venFor } from './guide-fixture.js';

const quiet = (clock = new TestClock()) => stopLater(new OpenADRServer({ vtn_id: 'MyVTN', http_port: 0, vtn_options: { now: clock.now, logger: false } }));

describe('OpenADRServer', () => {
  it('add_handler refuses unknown names, camelCase names and OpenLEADR handlers it does not take, each saying what to do', () => {
    const server = quiet() as unknown as { add_handler(name: string, fn: unknown): void };
    expect(() => server.add_handler('on_creat_party_registration', () => false)).toThrow(expect.objectContaining({ code: 'E_HANDLER_NAME', message: expect.stringContaining('on_create_party_registration') }));
    expect(() => server.add_handler('onPoll', () => null)).toThrow(expect.objectContaining({ code: 'E_HANDLER_NAME', message: expect.stringContaining('addHandler') }));
    expect(() => server.add_handler('on_update_report', () => null)).toThrow(expect.objectContaining({ code: 'E_HANDLER_NAME', message: expect.stringContaining('on_register_report') }));
    expect(() => server.add_handler('on_poll', 'not a function')).toThrow(expect.objectContaining({ code: 'E_HANDLER_NAME' }));
  });

  it('the typed VTN underneath still refuses snake_case names, pointing here', async () => {
    const vtn = await quiet().vtn;
    expect(() => vtn.addHandler('on_poll', () => undefined)).toThrow(expect.objectContaining({ code: 'E_HANDLER_SNAKE_CASE', message: expect.stringContaining('openadr-vtn/openleadr') }));
  });

  it('a refused add_event stores nothing; a good one after it is delivered alone', async () => {
    const server = quiet();
    server.add_handler('on_create_party_registration', (info) => [info.ven_name!, 'reg'] as const);
    const intervals = [{ dtstart: '2026-06-01T13:00:00Z', duration: 'PT1H', signal_payload: 1 }];
    await expect(server.add_event({ ven_id: 'v', signal_name: 'SIMPLE_ISH', signal_type: 'level', intervals })).rejects.toMatchObject({ code: 'E_SIGNAL_NAME' });
    await expect(server.add_event({ ven_id: 'v', signal_name: 'simple', signal_type: 'level', intervals: [{ ...intervals[0]!, signal_payload: 7 }] })).rejects.toMatchObject({ code: 'E_SIMPLE_PAYLOAD' });
    expect(await (await server.vtn).listEvents()).toEqual([]);
    const event_id = await server.add_event({ ven_id: 'v', signal_name: 'simple', signal_type: 'level', intervals });
    await server.run();
    const ven = await registered(venFor(server, 'v'));
    expect(eventsOf(await ven.poll()).map((e) => e.eventId)).toEqual([event_id]);
  });

  it('opt_response resolves with an answer already given, and rejects for an event that does not exist', async () => {
    const server = quiet();
    server.add_handler('on_create_party_registration', (info) => [info.ven_name!, 'reg'] as const);
    const event_id = await server.add_event({ ven_id: 'v', signal_name: 'simple', signal_type: 'level', intervals: [{ dtstart: '2026-06-01T13:00:00Z', duration: 'PT1H', signal_payload: 1 }] });
    await server.run();
    const ven = await registered(venFor(server, 'v'));
    expect(responseCode(await ven.respondToEvents(await ven.poll(), 'optIn'))).toBe('200');
    await expect(server.opt_response('v', event_id)).resolves.toBe('optIn');
    await expect(server.opt_response('v', 'no-such-event')).rejects.toMatchObject({ code: 'E_EVENT_UNKNOWN' });
  });

  it('ven_lookup may also be added with add_handler', async () => {
    const server = quiet();
    server.add_handler('ven_lookup', (ven_id) => (ven_id === 'known' ? { ven_id, ven_name: 'k', registration_id: 'r' } : {}));
    await server.run();
    const ven = venFor(server, 'k');
    expect(responseCode(await ven.poll('known'))).toBe('200');
    expect((await ven.poll('unknown')).type).toBe('oadrRequestReregistration');
  });

  it('logs warnings by default and the info lines after enable_default_logging(), as JSON on standard output', async () => {
    const out: string[] = [];
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => (out.push(String(chunk)), true));
    const before = stopLater(new OpenADRServer({ vtn_id: 'lowercase', http_port: 0 }));
    await before.run();
    enable_default_logging();
    try {
      const after = stopLater(new OpenADRServer({ vtn_id: 'Upper', http_port: 0 }));
      await after.run();
      await vi.waitFor(() => expect(out.join('')).toContain('Your VTN Server is now running'));
    } finally {
      enable_default_logging('warn');
    }
    const lines = out.join('').split('\n').filter(Boolean).map((l) => JSON.parse(l) as { msg: string; level: number; vtnId?: string; url?: string });
    expect(lines.some((l) => l.level === 40 && /uppercase/.test(l.msg) && l.vtnId === 'lowercase')).toBe(true);
    expect(lines.filter((l) => l.msg === 'Your VTN Server is now running').map((l) => l.url)).toEqual([expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+\//)]);
  });

  it('a key file that cannot be read is E_CONFIG naming the file, for signing (at construction) and mutual TLS (at run)', async () => {
    expect(() => new OpenADRServer({ vtn_id: 'MyVTN', cert: 'no-such-vtn.crt', key: 'no-such-vtn.key', http_port: 0 }))
      .toThrow(expect.objectContaining({ code: 'E_CONFIG', message: expect.stringContaining('no-such-vtn.crt') }));
    const tls = stopLater(new OpenADRServer({ vtn_id: 'MyVTN', http_port: 0, http_cert: 'no-such.crt', http_key: 'no-such.key', http_ca_file: 'no-such-ca.crt', vtn_options: { logger: false } }));
    await expect(tls.run()).rejects.toMatchObject({ code: 'E_CONFIG', message: expect.stringContaining('no-such.crt') });
  });
});
