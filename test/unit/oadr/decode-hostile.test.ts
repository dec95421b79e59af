import { describe, expect, it } from 'vitest';
import { decodeOadrPayload } from '../../../src/oadr/decode.js';
import { encodeOadrPayload } from '../../../src/oadr/encode.js';
import { OadrWireError } from '../../../src/oadr/wire-error.js';
import { SAMPLES } from './fixtures.js';

function wireError(xml: string, limits?: { maxBytes?: number; maxDepth?: number }): OadrWireError {
  try {
    decodeOadrPayload(xml, limits);
  } catch (err) {
    if (err instanceof OadrWireError) return err;
    throw err;
  }
  throw new Error('expected an OadrWireError, decoding succeeded');
}

const POLL = encodeOadrPayload(SAMPLES.oadrPoll);

describe('hostile and broken input is refused with a clear OadrWireError', () => {
  it('refuses a DOCTYPE (XXE) before parsing', () => {
    const xxe = `<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>${POLL.replace(/^<\?xml[^>]*>\s*/, '')}`;
    const err = wireError(xxe);
    expect(err.code).toBe('E_XML');
    expect(err.reason).toMatch(/DOCTYPE/);
  });

  it('refuses billion-laughs entity declarations', () => {
    const lol = `<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]><lolz>&lol2;</lolz>`;
    expect(wireError(lol).reason).toMatch(/DOCTYPE and ENTITY declarations are not allowed/);
  });

  it('refuses a reference to an undeclared entity', () => {
    expect(wireError(POLL.replace('ven-123', '&xxe;')).reason).toMatch(/entity &xxe; is not defined/);
  });

  it('bounds element depth (default 64, configurable)', () => {
    const deep = `<a>${'<b>'.repeat(100)}${'</b>'.repeat(100)}</a>`;
    expect(wireError(deep).reason).toMatch(/nested more than 64 levels/);
    expect(wireError(POLL, { maxDepth: 3 }).reason).toMatch(/nested more than 3 levels/);
  });

  it('bounds size (default 1 MiB, configurable)', () => {
    const big = POLL.replace('ven-123', 'x'.repeat(1024 * 1024));
    expect(wireError(big).reason).toMatch(/over the 1048576-byte limit/);
    expect(wireError(POLL, { maxBytes: 100 }).reason).toMatch(/over the 100-byte limit/);
  });

  it('refuses truncated documents', () => {
    const err = wireError(POLL.slice(0, POLL.length - 30));
    expect(err.code).toBe('E_XML');
    expect(err.reason).toMatch(/not well-formed|ends inside/);
  });

  it('refuses binary data and empty bodies', () => {
    expect(wireError('\u0000\u0001\u0002PK\u0003\u0004').reason).toMatch(/binary/);
    expect(wireError('\u00ff\u00fe<\u0007').code).toBe('E_XML');
    expect(wireError('   ').reason).toMatch(/empty/);
  });

  it('refuses a root in the wrong namespace', () => {
    const wrong = POLL.replace('xmlns:oadr="http://openadr.org/oadr-2.0b/2012/07"', 'xmlns:oadr="http://openadr.org/oadr-2.0a/2012/07"');
    const err = wireError(wrong);
    expect(err.code).toBe('E_XML');
    expect(err.reason).toMatch(/root element is \{http:\/\/openadr.org\/oadr-2.0a\/2012\/07\}oadrPayload/);
  });

  it('refuses an unknown payload type', () => {
    const unknown = POLL.replace(/oadr:oadrPoll/g, 'oadr:oadrFetchEverything');
    const err = wireError(unknown);
    expect(err.code).toBe('E_XML');
    expect(err.reason).toBe('oadr:oadrFetchEverything is not an OpenADR 2.0b payload type');
  });

  it('refuses a missing oadrSignedObject and two payloads in it', () => {
    expect(wireError(POLL.replace(/oadr:oadrSignedObject/g, 'oadr:oadrSigned')).reason).toMatch(/oadrSignedObject/);
    const two = POLL.replace('</oadr:oadrPoll>', '</oadr:oadrPoll><oadr:oadrPoll><ei:venID>v</ei:venID></oadr:oadrPoll>');
    expect(wireError(two).reason).toMatch(/exactly one payload element, found 2/);
  });

  it('refuses an undeclared prefix', () => {
    expect(wireError(POLL.replace('<ei:venID>ven-123</ei:venID>', '<zz:venID>ven-123</zz:venID>')).reason).toMatch(/prefix "zz"/);
  });
});

describe('invalid payload content is E_PAYLOAD with what the HTTP layer echoes', () => {
  it('names the missing field and carries messageType, requestId and venId', () => {
    const xml = encodeOadrPayload(SAMPLES.oadrCreatedEvent).replace(/<ei:eventID>0012<\/ei:eventID>/, '');
    const err = wireError(xml);
    expect(err.code).toBe('E_PAYLOAD');
    expect(err.reason).toBe('oadrCreatedEvent: pyld:eiCreatedEvent/ei:eventResponses/ei:eventResponse[0]/ei:qualifiedEventID/ei:eventID is missing');
    expect(err.messageType).toBe('oadrCreatedEvent');
    expect(err.requestId).toBe('dist-42');
    expect(err.venId).toBe('ven-123');
  });

  it('refuses an optType outside the enum', () => {
    const err = wireError(encodeOadrPayload(SAMPLES.oadrCreateOpt).replace('<ei:optType>optOut</ei:optType>', '<ei:optType>maybe</ei:optType>'));
    expect(err.code).toBe('E_PAYLOAD');
    expect(err.reason).toBe('oadrCreateOpt: ei:optType must be one of optIn, optOut');
    expect(err.requestId).toBe('req-opt-1');
  });

  it('refuses a malformed date-time and a calendar duration, naming the field', () => {
    const badDate = encodeOadrPayload(SAMPLES.oadrCreateOpt).replace('2026-03-01T07:00:00Z', 'yesterday');
    expect(wireError(badDate).reason).toBe('oadrCreateOpt: ei:createdDateTime "yesterday" is not an ISO 8601 date-time such as 2026-01-01T12:00:00Z');
    const months = encodeOadrPayload(SAMPLES.oadrCreatedPartyRegistration).replace('PT10S', 'P1M');
    const err = wireError(months);
    expect(err.reason).toMatch(/^oadrCreatedPartyRegistration: oadr:oadrRequestedOadrPollFreq\/xcal:duration .*calendar/);
  });

  it('refuses a readingType the XSD does not allow (the VTN echoes it into its report requests, which must stay XSD-valid)', () => {
    const reg = encodeOadrPayload(SAMPLES.oadrRegisterReport);
    expect(wireError(reg.replace('>Direct Read<', '>2026-13-45T99:99:99Z<')).reason).toMatch(/ei:readingType "2026-13-45T99:99:99Z" is not a reading type such as Direct Read/);
    expect(wireError(reg.replace('>Direct Read<', '>\u202E<')).code).toBe('E_PAYLOAD');
    expect(() => decodeOadrPayload(reg.replace('>Direct Read<', '>x-custom reading<'))).not.toThrow();
  });

  it('refuses a repeated single element and unexpected elements', () => {
    const twice = POLL.replace('<ei:venID>ven-123</ei:venID>', '<ei:venID>a</ei:venID><ei:venID>b</ei:venID>');
    expect(wireError(twice).reason).toBe('oadrPoll: ei:venID appears more than once');
    const extra = POLL.replace('</oadr:oadrPoll>', '<oadr:surprise/></oadr:oadrPoll>');
    expect(wireError(extra).reason).toBe('oadrPoll: oadr:surprise is not allowed here');
  });

  it('refuses a non-numeric float value in a report', () => {
    const xml = encodeOadrPayload(SAMPLES.oadrUpdateReport).replace('<ei:value>12.25</ei:value>', '<ei:value>lots</ei:value>');
    const err = wireError(xml);
    expect(err.reason).toMatch(/^oadrUpdateReport: oadr:oadrReport\[0\]\/strm:intervals\/ei:interval\[0\]\/oadr:oadrReportPayload\[0\]/);
    expect(err.venId).toBe('ven-123');
  });

  it('testEvent: anything but "false" means true (rule 6)', () => {
    const xml = encodeOadrPayload(SAMPLES.oadrDistributeEvent).replace('<ei:testEvent>false</ei:testEvent>', '<ei:testEvent>yes please</ei:testEvent>');
    const msg = decodeOadrPayload(xml).message;
    expect(msg.type === 'oadrDistributeEvent' && msg.events[0]?.descriptor.testEvent).toBe(true);
  });
});
