// Requirements §1 — wire basics, one test per statement, driven over real HTTP by the independent test VEN.
import { describe, expect, it } from 'vitest';
import { setup, simpleEvent } from './fixture.js';
import { TestVen, eventsOf, requestIdOf, responseCode, responseDescription, venIdOf } from '../helpers/test-ven.js';
import * as X from '../helpers/ven-xml/index.js';
import { expectValidOadr } from '../helpers/xsd.js';

const PREFIX = '/OpenADR2/Simple/2.0b';

describe('§1 wire basics', () => {
  it('services are POST under a configurable prefix with the trailing slash stripped; unknown path → 404, other methods → 405', async () => {
    const f = await setup({ prefix: '/custom/oadr/' });
    const atCustom = new TestVen({ baseUrl: f.baseUrl, prefix: '/custom/oadr', venName: 'p' });
    expect((await atCustom.queryRegistration()).status).toBe(200);
    const notFound = await fetch(`${f.baseUrl}/custom/oadr/EiNothing`, { method: 'POST', headers: { 'content-type': 'application/xml' }, body: '<x/>' });
    expect(notFound.status).toBe(404);
    const oldPrefix = await fetch(`${f.baseUrl}${PREFIX}/EiEvent`, { method: 'POST', headers: { 'content-type': 'application/xml' }, body: '<x/>' });
    expect(oldPrefix.status).toBe(404);
    const get = await fetch(`${f.baseUrl}/custom/oadr/EiEvent`);
    expect(get.status).toBe(405);
    expect(get.headers.get('allow')).toBe('POST');
  });

  it('a reply is HTTP 200 application/xml; charset=utf-8 with oadrPayload → oadrSignedObject (oadr:Id) → one payload of schemaVersion 2.0b', async () => {
    const f = await setup();
    const reply = await f.ven().queryRegistration();
    expect(reply.status).toBe(200);
    expect(reply.contentType).toBe('application/xml; charset=utf-8');
    expect(reply.body).toMatch(/<oadr:oadrSignedObject[^>]*oadr:Id="oadrSignedObject"/);
    expect(reply.body.match(/ei:schemaVersion="2\.0b"/g)).toHaveLength(1);
    await expectValidOadr(reply.body);
  });

  it.each(['standard', 'custom-prefixes', 'default-ns'] as const)('namespaces are resolved by URI, never by prefix (%s)', async (style) => {
    const f = await setup();
    const ven = f.ven(`ns-${style}`, style);
    const reg = await ven.register();
    expect(responseCode(reg)).toBe('200');
    await simpleEvent(f, [ven.venId!]);
    await ven.poll(); // register report
    const dist = await ven.poll();
    expect(dist.type).toBe('oadrDistributeEvent');
    const ack = await ven.respondToEvents(dist, 'optIn');
    expect(responseCode(ack)).toBe('200');
  });

  it('a Content-Type other than application/xml → 400 with a text reason', async () => {
    const f = await setup();
    const xml = X.oadrQueryRegistration({ requestId: 'r1' });
    for (const type of ['text/xml', 'application/json', 'text/plain']) {
      const res = await fetch(`${f.baseUrl}${PREFIX}/EiRegisterParty`, { method: 'POST', headers: { 'content-type': type }, body: xml });
      expect(res.status).toBe(400);
      expect(await res.text()).toMatch(/Content-Type must be application\/xml/);
    }
  });

  it('a body that is not well-formed or not a 2.0b payload → 400 with a text reason, never 500', async () => {
    const f = await setup();
    const bodies = [
      '<oadr:oadrPayload xmlns:oadr="http://openadr.org/oadr-2.0b/2012/07"><oadr:oadrSignedObject>',
      '<root/>',
      '<oadrPayload xmlns="http://openadr.org/oadr-2.0a/2012/07"><oadrSignedObject/></oadrPayload>',
      '\u0000\u0001\u0002binary',
      'not xml at all',
    ];
    for (const body of bodies) {
      const res = await fetch(`${f.baseUrl}${PREFIX}/EiEvent`, { method: 'POST', headers: { 'content-type': 'application/xml' }, body });
      expect(res.status, body).toBe(400);
      expect((await res.text()).length).toBeGreaterThan(5);
    }
  });

  it('a body over the configured limit → 413', async () => {
    const f = await setup({ bodyLimit: 4096 });
    const big = X.oadrQueryRegistration({ requestId: 'x'.repeat(8000) });
    const res = await fetch(`${f.baseUrl}${PREFIX}/EiRegisterParty`, { method: 'POST', headers: { 'content-type': 'application/xml' }, body: big });
    expect(res.status).toBe(413);
  });

  it('a message type sent to the wrong service → oadrResponse 459 naming the type and the service', async () => {
    const f = await setup();
    const ven = await f.registeredVen();
    const reply = await ven.post('EiEvent', X.oadrPoll({ venId: ven.venId! }));
    expect(reply.type).toBe('oadrResponse');
    expect(responseCode(reply)).toBe('459');
    expect(responseDescription(reply)).toMatch(/oadrPoll.*OadrPoll.*EiEvent/);
  });

  it('an oadrResponse posted by a VEN → 200 with an empty body; every other message gets an XML body', async () => {
    const f = await setup();
    const ven = await f.registeredVen();
    const reply = await ven.sendResponse({ requestId: 'r-1' });
    expect(reply.status).toBe(200);
    expect(reply.body).toBe('');
    const poll = await ven.poll();
    expect(poll.body).toMatch(/^<\?xml/);
  });

  it('protocol errors travel in-band with the expected reply type, a code, a description, the echoed requestID and the venID', async () => {
    const f = await setup();
    const ven = await f.registeredVen();
    const reply = await ven.createdEvent([{ eventId: 'no-such-event', modificationNumber: 0, optType: 'optIn', requestId: 'req-77' }], { requestId: 'req-77' });
    expect(reply.type).toBe('oadrResponse');
    expect(responseCode(reply)).toBe('452');
    expect(responseDescription(reply)).toMatch(/no-such-event/);
    expect(requestIdOf(reply)).toBe('req-77');
    expect(venIdOf(reply)).toBe(ven.venId);
  });

  it('a recognisable message with a missing required field → its reply type with 454 and a reason (not a 500)', async () => {
    const f = await setup();
    const ven = await f.registeredVen();
    const xml = X.oadrCancelOpt({ requestId: 'req-5', optId: 'o1', venId: ven.venId! }).replace(/<[^>]*optID>o1<\/[^>]*optID>/, '');
    const reply = await ven.post('EiOpt', xml);
    expect(reply.status).toBe(200);
    expect(reply.type).toBe('oadrCanceledOpt');
    expect(responseCode(reply)).toBe('454');
    expect(requestIdOf(reply)).toBe('req-5');
  });

  it('every response echoes the requestID; a message sent on a poll carries an empty or fresh id, never "None"', async () => {
    const f = await setup();
    const ven = f.ven();
    expect(requestIdOf(await ven.queryRegistration('q-123'))).toBe('q-123');
    await ven.register({ requestId: 'r-456' }).then((r) => expect(requestIdOf(r)).toBe('r-456'));
    const poll = await ven.poll();
    expect(poll.type).toBe('oadrRegisterReport');
    expect(requestIdOf(poll)).toBeTruthy();
    expect(requestIdOf(poll)).not.toBe('None');
    const idle = await ven.poll();
    expect(idle.type).toBe('oadrResponse');
    expect(requestIdOf(idle) ?? '').not.toBe('None');
  });

  it('IDs are opaque, case-sensitive strings: "0012" stays "0012"', async () => {
    const f = await setup();
    const ven = f.ven('zeros');
    const reg = await ven.register({ venId: '0012' });
    expect(venIdOf(reg)).toBe('0012');
    await f.vtn.addEvent({ venId: '0012', eventId: '007', signalName: 'SIMPLE', signalType: 'level', intervals: [{ dtstart: new Date(f.clock.now().getTime() + 3_600_000), duration: 'PT1H', payload: 1 }] });
    await ven.poll();
    const dist = await ven.poll();
    expect(eventsOf(dist)[0]!.eventId).toBe('007');
    expect((await f.vtn.getVen('0012'))?.venId).toBe('0012');
    expect((await f.vtn.getVen('12'))).toBeUndefined();
  });

  it('a venID that does not hold the registration in the payload → 452 when unknown (rule 21), 463 when it is another VEN\'s (§10)', async () => {
    const f = await setup();
    const a = await f.registeredVen('a');
    const b = await f.registeredVen('b');
    const unknown = await a.post('EiRegisterParty', X.oadrCancelPartyRegistration({ requestId: 'c0', registrationId: b.registrationId!, venId: 'no-such-ven' }));
    expect(unknown.type).toBe('oadrCanceledPartyRegistration');
    expect(responseCode(unknown)).toBe('452');
    const reply = await a.post('EiRegisterParty', X.oadrCancelPartyRegistration({ requestId: 'c1', registrationId: b.registrationId!, venId: a.venId! }));
    expect(reply.type).toBe('oadrCanceledPartyRegistration');
    expect(responseCode(reply)).toBe('463');
    expect((await f.vtn.getVen(b.venId!))).toBeDefined();
  });

  it('date-times are emitted in UTC with Z; incoming offsets are accepted and normalised (rule 1)', async () => {
    const f = await setup();
    const ven = await f.registeredVen();
    const reply = await ven.createOpt({ optId: 'o-tz', optType: 'optOut', optReason: 'participating', vavailability: [{ dtstart: '2026-06-02T10:00:00+04:00', duration: 'PT2H' }] });
    expect(responseCode(reply)).toBe('200');
    expect((await f.vtn.listOpts(ven.venId))[0]!.schedule![0]!.dtstart).toBe('2026-06-02T06:00:00.000Z');
    await simpleEvent(f, [ven.venId!]);
    const dist = await ven.poll();
    const ev = eventsOf(dist)[0]!;
    expect(ev.dtstart).toMatch(/Z$/);
    expect(ev.createdDateTime).toMatch(/Z$/);
  });

  it('durations are ISO 8601: PT0S for zero and whole seconds on output; weeks and fractions accepted on input', async () => {
    const f = await setup();
    const ven = await f.registeredVen();
    await f.vtn.addEvent({ venId: ven.venId!, signalName: 'SIMPLE', signalType: 'level', dtstart: new Date(f.clock.now().getTime() + 60_000), duration: 0, intervals: [{ duration: 0, payload: 1 }] });
    const ev = eventsOf(await ven.poll())[0]!;
    expect(ev.duration).toBe('PT0S');
    expect(ev.signals[0]!.intervals[0]!.duration).toBe('PT0S');
    const week = await ven.createOpt({ optId: 'o-week', optType: 'optOut', optReason: 'participating', vavailability: [{ dtstart: '2026-07-01T00:00:00Z', duration: 'P1W' }, { dtstart: '2026-08-01T00:00:00Z', duration: 'PT1.5S' }] });
    expect(responseCode(week)).toBe('200');
    const slots = (await f.vtn.listOpts(ven.venId))[0]!.schedule!;
    expect(slots.map((s) => s.duration)).toEqual([7 * 86_400_000, 1500]);
  });

  it('testEvent is emitted as true/false', async () => {
    const f = await setup();
    const ven = await f.registeredVen();
    await simpleEvent(f, [ven.venId!], { inMs: 3_600_000 });
    await f.vtn.addEvent({ venId: ven.venId!, testEvent: true, signalName: 'SIMPLE', signalType: 'level', intervals: [{ dtstart: new Date(f.clock.now().getTime() + 3 * 3_600_000), duration: 'PT1H', payload: 2 }], marketContext: 'http://mc/test' });
    const events = eventsOf(await ven.poll());
    expect(events.map((e) => e.testEvent).sort()).toEqual(['false', 'true']);
  });

  it('an all-lowercase vtnID is warned about (OpenLEADR VENs reject it); the default is VTN-1', async () => {
    const warnings: string[] = [];
    const logger = { info() {}, debug() {}, error() {}, warn: (_o: unknown, m?: string) => void warnings.push(m ?? '') };
    await setup({ vtnId: 'lowercase-vtn', logger });
    expect(warnings.some((w) => /uppercase/.test(w))).toBe(true);
    const f = await setup();
    const reply = await f.ven().queryRegistration();
    expect(reply.body).toMatch(/VTN-1/);
  });
});
