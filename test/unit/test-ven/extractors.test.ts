// The reply extractors read hand-written, XSD-valid VTN replies correctly whatever prefixes they use.
import { describe, expect, it } from 'vitest';
import {
  cancelReportOf, eventsOf, payloadRequestIdOf, pollFrequencyOf, profilesOf, registerReportOf, registrationIdOf,
  reportRequestsOf, requestIdOf, responseCode, responseDescription, venIdOf, vtnIdOf, type VenReply,
} from '../../helpers/test-ven.js';
import { parseReplyBody } from '../../helpers/ven-xml/reply-parse.js';
import { FIXTURE_FILES, fixtureReply, fixtureText } from './fixtures.js';
import { validateOadr as validate } from '../../helpers/xsd.js';

it.each(FIXTURE_FILES)('fixture %s is XSD-valid', async (name) => {
  expect((await validate(fixtureText(name))).errors).toEqual([]);
});

describe('registration replies', () => {
  const reply = fixtureReply('created-party-registration.xml');

  it('reads code, echoed requestID, IDs as strings, profiles and poll frequency', () => {
    expect(reply.type).toBe('oadrCreatedPartyRegistration');
    expect(responseCode(reply)).toBe('200');
    expect(responseDescription(reply)).toBe('OK');
    expect(requestIdOf(reply)).toBe('0012');
    expect(venIdOf(reply)).toBe('0012');
    expect(registrationIdOf(reply)).toBe('0099');
    expect(vtnIdOf(reply)).toBe('VTN-1');
    expect(pollFrequencyOf(reply)).toBe('PT10S');
    expect(profilesOf(reply)).toEqual([
      { profile: '2.0a', transports: ['simpleHttp'] },
      { profile: '2.0b', transports: ['simpleHttp'] },
    ]);
  });

  it("reads the VTN's cancellation so the VEN can echo it", () => {
    const cancel = fixtureReply('cancel-party-registration.xml');
    expect(cancel.type).toBe('oadrCancelPartyRegistration');
    expect(requestIdOf(cancel)).toBe('vtn-cancel-1');
    expect(registrationIdOf(cancel)).toBe('0099');
    expect(responseCode(cancel)).toBeUndefined();
  });
});

describe('eventsOf', () => {
  const reply = fixtureReply('distribute-event.xml');
  const events = eventsOf(reply);

  it('returns every event in document order, across prefix and default-namespace styles', () => {
    expect(events.map((e) => e.eventId)).toEqual(['0012', 'ev-far']);
    expect(payloadRequestIdOf(reply)).toBe('dist-0012');
    expect(requestIdOf(reply)).toBe('req-echo-1');
  });

  it('reads the descriptor, active period and targets of the active event', () => {
    const [active] = events;
    expect(active).toMatchObject({
      eventId: '0012', modificationNumber: 3, status: 'active', priority: 1, marketContext: 'http://market.example/ctx',
      dtstart: '2026-11-05T09:00:00Z', duration: 'PT2H', createdDateTime: '2026-11-05T10:00:00Z', testEvent: 'false',
      responseRequired: 'always', vtnComment: 'shed & shift',
      targetVenIds: ['0012'], targetResourceIds: ['res-1', 'res-2'], targetGroupIds: [],
    });
    expect(active!.signals).toEqual([{
      name: 'SIMPLE', type: 'level', signalId: 'sig-0012', currentValue: 1,
      intervals: [
        { uid: '0', duration: 'PT1H', payload: 1, payloadCount: 1 },
        { uid: '1', duration: 'PT1H', payload: 2.5, payloadCount: 1 },
      ],
    }]);
  });

  it('reads the far event written with default namespaces; a single target is still a list', () => {
    const far = events[1]!;
    expect(far).toMatchObject({
      status: 'far', priority: undefined, testEvent: undefined, responseRequired: 'never', marketContext: 'oadr://unknown.context',
      dtstart: '2026-11-06T15:00:00Z', duration: 'PT30M', targetGroupIds: ['0042'], targetVenIds: [],
    });
    expect(far.signals[0]).toMatchObject({ name: 'ELECTRICITY_PRICE', type: 'price', currentValue: 0 });
    expect(far.signals[0]!.intervals).toEqual([{ uid: '0', duration: 'PT30M', payload: 0.25, payloadCount: 1 }]);
  });

  it('reports an interval dtstart when a VTN writes one', () => {
    const body = fixtureText('distribute-event.xml').replace(
      '<c:duration><c:duration>PT1H</c:duration></c:duration>\n                  <c:uid><c:text>0</c:text></c:uid>',
      '<c:dtstart><c:date-time>2026-11-05T09:00:00Z</c:date-time></c:dtstart><c:duration><c:duration>PT1H</c:duration></c:duration><c:uid><c:text>0</c:text></c:uid>',
    );
    const reply2: VenReply = { status: 200, contentType: 'application/xml', body, ...parseReplyBody(body) };
    expect(eventsOf(reply2)[0]!.signals[0]!.intervals[0]!.dtstart).toBe('2026-11-05T09:00:00Z');
  });

  it('returns no events for an empty distribute', () => {
    const body = fixtureText('distribute-event.xml').replace(/<p:oadrEvent>[\s\S]*<\/oadrEvent>/, '');
    expect(eventsOf({ status: 200, contentType: 'application/xml', body, ...parseReplyBody(body) })).toEqual([]);
  });

  it('fails clearly on any other reply type', () => {
    expect(() => eventsOf(fixtureReply('response-452.xml'))).toThrow(/expected oadrDistributeEvent, got oadrResponse/);
  });
});

describe('report replies', () => {
  it('reads report requests of an oadrRegisteredReport, with and without reportInterval', () => {
    const reply = fixtureReply('registered-report.xml');
    expect(responseCode(reply)).toBe('200');
    expect(requestIdOf(reply)).toBe('reg-rep-7');
    expect(reportRequestsOf(reply)).toEqual([
      {
        reportRequestId: '0042', reportSpecifierId: 'TELEMETRY_USAGE', granularity: 'PT1M', reportBackDuration: 'PT5M',
        reportInterval: { dtstart: '2026-11-05T10:00:00Z', duration: 'PT1H' },
        specifiers: [{ rId: 'powerReal', readingType: 'Direct Read' }, { rId: 'voltage', readingType: 'Direct Read' }],
      },
      {
        reportRequestId: '0043', reportSpecifierId: 'TELEMETRY_STATUS', granularity: 'PT0M', reportBackDuration: 'PT0M',
        specifiers: [{ rId: 'status', readingType: 'x-notApplicable' }],
      },
    ]);
  });

  it('reads the requests of an oadrCreateReport delivered on a poll', () => {
    const reply = fixtureReply('create-report.xml');
    expect(requestIdOf(reply)).toBe('cr-1');
    expect(reportRequestsOf(reply)).toEqual([{
      reportRequestId: '0007', reportSpecifierId: 'HISTORY_USAGE', granularity: 'PT15M', reportBackDuration: 'PT0M',
      specifiers: [{ rId: 'energyReal', readingType: 'Direct Read' }],
    }]);
  });

  it('reads an oadrCancelReport and the VTN register report with zero reports', () => {
    expect(cancelReportOf(fixtureReply('cancel-report.xml'))).toEqual({ requestId: 'vtn-cr-2', reportRequestIds: ['0042'], reportToFollow: true });
    expect(registerReportOf(fixtureReply('register-report-empty.xml'))).toEqual({ requestId: 'vtn-rr-1', reports: [] });
  });

  it('fails clearly when asked for report requests of another type', () => {
    expect(() => reportRequestsOf(fixtureReply('created-party-registration.xml'))).toThrow(/expected oadrRegisteredReport or oadrCreateReport/);
  });
});

describe('error replies and non-XML bodies', () => {
  it('reads an in-band error: code, unescaped description, empty requestID, venID', () => {
    const reply = fixtureReply('response-452.xml');
    expect(responseCode(reply)).toBe('452');
    expect(responseDescription(reply)).toBe('unknown eventID <ev-9>');
    expect(requestIdOf(reply)).toBe('');
    expect(venIdOf(reply)).toBe('0012');
  });

  it('leaves type and doc undefined for empty, text, malformed or DOCTYPE bodies, and extractors say why', () => {
    for (const body of ['', 'Bad Request: not XML', '<oadrPayload><unclosed>', '<!DOCTYPE x [<!ENTITY a "b">]><x>&a;</x>']) {
      const parsed = parseReplyBody(body);
      expect(parsed.type).toBeUndefined();
      expect(parsed.doc).toBeUndefined();
    }
    const reply: VenReply = { status: 400, contentType: 'text/plain', body: 'bad content type' };
    expect(() => responseCode(reply)).toThrow(/not an OpenADR payload \(HTTP 400/);
  });
});
