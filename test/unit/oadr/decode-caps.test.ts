// Requirements §9 "sizes at decode": every VEN-supplied string and repeated element has a cap, checked before mapping.
import { describe, expect, it } from 'vitest';
import { decodeOadrPayload } from '../../../src/oadr/decode.js';
import { encodeOadrPayload } from '../../../src/oadr/encode.js';
import {
  MAX_DESCRIPTION_CHARS, MAX_EVENT_RESPONSES_PER_MESSAGE, MAX_ID_CHARS, MAX_OTHER_TEXT_CHARS, MAX_REPORTS_PER_MESSAGE,
  MAX_VALUES_PER_MESSAGE, OTHER_TEXT_CAP, TEXT_CAPS,
} from '../../../src/oadr/decode-limits.js';
import type { OadrCreatePartyRegistration, OadrUpdateReport } from '../../../src/oadr/model.js';
import { MAX_REASON_CHARS, OadrWireError } from '../../../src/oadr/wire-error.js';
import * as X from '../../helpers/ven-xml/index.js';
import { decodeRefusal } from './decode-refusal.js';
import { SAMPLES } from './fixtures.js';

const refusal = decodeRefusal;

const LEAF = /<([A-Za-z]+):([A-Za-z-]+)((?:\s[^>]*)?)>([^<]*)<\/\1:\2>/g;

/** Every leaf element of a document with its position, for replacing one text at a time. */
function leaves(xml: string): { name: string; local: string; start: number; end: number; open: string; close: string }[] {
  return [...xml.matchAll(LEAF)].map((m) => {
    const open = `<${m[1]}:${m[2]}${m[3]}>`;
    return { name: `${m[1]}:${m[2]}`, local: m[2]!, start: m.index!, end: m.index! + m[0].length, open, close: `</${m[1]}:${m[2]}>` };
  });
}

const GREEN_BUTTON = X.oadrUpdateReport({
  requestId: 'gb-1', venId: 'ven-123',
  reports: [{ reportRequestId: 'rr-gb', reportSpecifierId: 'GB', reportName: 'HISTORY_GREENBUTTON', intervals: [{ payloads: [], greenButton: [{
    uom: 72, powerOfTenMultiplier: -3, intervalLengthS: 900, block: { start: '2026-06-01T00:00:00Z', durationS: 3600 },
    readings: [{ value: 1234 }, { start: '2026-06-01T00:15:00Z', durationS: 900, value: 99 }],
  }] }] }],
});
// Canonical names of the test VEN's Green Button prefixes.
const canonical = (name: string): string => name.replace(/^espi:/, 'gb:');

const DOCUMENTS: [string, string][] = [
  ...Object.values(SAMPLES).map((m): [string, string] => [m.type, encodeOadrPayload(m)]),
  ['oadrUpdateReport (Green Button)', GREEN_BUTTON],
];

describe('every VEN-supplied string has a cap at decode', () => {
  it('one character over its cap, in any leaf of any of the 23 payload types (and Green Button), is an in-band E_PAYLOAD naming the field and the cap', () => {
    let checked = 0;
    for (const [label, xml] of DOCUMENTS) {
      for (const leaf of leaves(xml)) {
        const cap = TEXT_CAPS.get(canonical(leaf.name)) ?? OTHER_TEXT_CAP;
        const err = refusal(xml.slice(0, leaf.start) + leaf.open + 'x'.repeat(cap.max + 1) + leaf.close + xml.slice(leaf.end));
        expect(err.code, `${label} ${leaf.name}`).toBe('E_PAYLOAD');
        expect(err.messageType, `${label} ${leaf.name}`).toBeDefined();
        expect(err.reason, `${label} ${leaf.name}`).toMatch(new RegExp(`${leaf.local}(\\[\\d+\\])? is ${cap.max + 1} characters long; ${cap.kind} may have at most ${cap.max} `));
        checked += 1;
      }
    }
    expect(checked).toBeGreaterThan(300);
  });

  it('the caps are 256 for IDs and names, 1,024 for descriptions and any other text', () => {
    for (const name of ['ei:venID', 'pyld:requestID', 'ei:registrationID', 'ei:eventID', 'ei:optID', 'ei:reportRequestID', 'ei:reportSpecifierID', 'ei:rID',
      'ei:resourceID', 'ei:groupID', 'ei:partyID', 'oadr:oadrVenName', 'ei:reportName', 'emix:marketContext', 'ei:optReason', 'power:itemUnits']) {
      expect(TEXT_CAPS.get(name)?.max, name).toBe(MAX_ID_CHARS);
    }
    for (const name of ['ei:responseDescription', 'power:itemDescription', 'oadr:itemDescription', 'oadr:oadrTransportAddress']) {
      expect(TEXT_CAPS.get(name)?.max, name).toBe(MAX_DESCRIPTION_CHARS);
    }
    expect([MAX_ID_CHARS, MAX_DESCRIPTION_CHARS, MAX_OTHER_TEXT_CHARS]).toEqual([256, 1024, 1024]);
  });

  it('values exactly at the cap are kept whole', () => {
    const id = 'v'.repeat(MAX_ID_CHARS);
    const reg = encodeOadrPayload({ ...SAMPLES.oadrCreatePartyRegistration, venName: 'n'.repeat(MAX_ID_CHARS), venId: id, transportAddress: `https://${'a'.repeat(MAX_DESCRIPTION_CHARS - 8)}` });
    const decoded = decodeOadrPayload(reg).message as OadrCreatePartyRegistration;
    expect([decoded.venName?.length, decoded.venId, decoded.transportAddress?.length]).toEqual([MAX_ID_CHARS, id, MAX_DESCRIPTION_CHARS]);
  });

  it('a 900 KB venName in a registration is refused with a short reason that echoes neither it nor an over-cap requestID', () => {
    const err = refusal(encodeOadrPayload({ ...SAMPLES.oadrCreatePartyRegistration, venName: 'N'.repeat(900_000), requestId: 'R'.repeat(100_000) }));
    expect(err.code).toBe('E_PAYLOAD');
    expect(err.messageType).toBe('oadrCreatePartyRegistration');
    expect(err.reason.length).toBeLessThan(200);
    expect(err.requestId).toBeUndefined();
  });

  it('a 900 KB venID in a poll is refused and not echoed; a normal requestID next to an over-cap field still is', () => {
    const poll = refusal(encodeOadrPayload({ type: 'oadrPoll', venId: 'x'.repeat(900_000) }));
    expect([poll.code, poll.messageType, poll.venId]).toEqual(['E_PAYLOAD', 'oadrPoll', undefined]);
    const opt = refusal(encodeOadrPayload({ ...SAMPLES.oadrCreateOpt, optReason: 'r'.repeat(900_000) }));
    expect([opt.requestId, opt.venId]).toEqual(['req-opt-1', 'ven-123']);
    expect(opt.reason).toBe(`oadrCreateOpt: ei:optReason is 900000 characters long; names may have at most ${MAX_ID_CHARS} (send a shorter value)`);
  });

  it('a 900 KB attribute value, attribute name or element name inside the payload is refused and named clipped', () => {
    const poll = encodeOadrPayload(SAMPLES.oadrPoll);
    const attr = refusal(poll.replace('<oadr:oadrPoll', `<oadr:oadrPoll junk="${'a'.repeat(900_000)}"`));
    expect(attr.reason).toBe(`oadrPoll: oadr:oadrPoll attribute junk is 900000 characters long; text and attribute values may have at most ${MAX_OTHER_TEXT_CHARS} (send a shorter value)`);
    const name = `n${'a'.repeat(900_000)}`;
    const attrName = refusal(poll.replace('<oadr:oadrPoll', `<oadr:oadrPoll ${name}="1"`));
    expect(attrName.reason.length).toBeLessThan(200);
    const element = refusal(poll.replace('<ei:venID>', `<${name}/><ei:venID>`));
    expect(element.code).toBe('E_PAYLOAD');
    expect(element.reason.length).toBeLessThan(250);
    expect(element.reason).toMatch(/… \(900001 characters\)/);
  });

  it('20,000 unknown elements in the envelope give a short E_XML reason naming five of them', () => {
    const poll = encodeOadrPayload(SAMPLES.oadrPoll);
    const err = refusal(poll.replace('<oadr:oadrSignedObject', `${'<oadr:x/>'.repeat(20_000)}<oadr:oadrSignedObject`));
    expect(err.code).toBe('E_XML');
    expect(err.reason).toMatch(/found oadr:x, oadr:x, oadr:x, oadr:x, oadr:x and 19996 more$/);
    const long = refusal(poll.replace('<oadr:oadrSignedObject', `<oadr:${'x'.repeat(900_000)}/><oadr:oadrSignedObject`));
    expect(long.reason.length).toBeLessThan(200);
  });

  it('no refusal reason is longer than MAX_REASON_CHARS, whatever the reader quotes', () => {
    const err = new OadrWireError('E_XML', `attribute ${'a'.repeat(900_000)} appears twice`);
    expect(err.reason.length).toBeLessThanOrEqual(MAX_REASON_CHARS + 30);
    expect(err.message).toBe(err.reason);
  });
});

const report = (i: number, values: number): X.ReportInput => ({
  reportRequestId: `rr-${i}`, reportSpecifierId: 'TELEMETRY_USAGE', reportName: 'TELEMETRY_USAGE',
  intervals: Array.from({ length: values }, (_, k) => ({ dtstart: new Date(Date.UTC(2026, 5, 1) + k * 60_000), payloads: [{ rId: 'p', value: k }] })),
});
const update = (reports: X.ReportInput[]): string => X.oadrUpdateReport({ requestId: 'u', venId: 'ven-1', reports });

describe('repeated elements have per-message caps', () => {
  it(`${MAX_REPORTS_PER_MESSAGE} reports in one oadrUpdateReport pass, ${MAX_REPORTS_PER_MESSAGE + 1} are refused naming the cap`, () => {
    const ok = decodeOadrPayload(update(Array.from({ length: MAX_REPORTS_PER_MESSAGE }, (_, i) => report(i, 1)))).message as OadrUpdateReport;
    expect(ok.reports).toHaveLength(MAX_REPORTS_PER_MESSAGE);
    const err = refusal(update(Array.from({ length: MAX_REPORTS_PER_MESSAGE + 1 }, (_, i) => report(i, 1))));
    expect(err.reason).toBe(`oadrUpdateReport: oadr:oadrReport[${MAX_REPORTS_PER_MESSAGE}] is one of more than ${MAX_REPORTS_PER_MESSAGE} reports; a message may carry at most ${MAX_REPORTS_PER_MESSAGE} (split it into several messages)`);
    expect(err.requestId).toBe('u');
  });

  it(`${MAX_VALUES_PER_MESSAGE} report values pass, one more (across reports) is refused`, () => {
    const ok = decodeOadrPayload(update([report(0, 600), report(1, MAX_VALUES_PER_MESSAGE - 600)])).message as OadrUpdateReport;
    expect(ok.reports.flatMap((r) => r.intervals)).toHaveLength(MAX_VALUES_PER_MESSAGE);
    expect(refusal(update([report(0, 600), report(1, MAX_VALUES_PER_MESSAGE - 599)])).reason).toMatch(/more than 1000 (intervals|report values)/);
  });

  it('Green Button readings count as report values', () => {
    const readings = Array.from({ length: MAX_VALUES_PER_MESSAGE + 1 }, (_, k) => ({ value: k }));
    const xml = X.oadrUpdateReport({ requestId: 'gb', venId: 'ven-1', reports: [{ reportRequestId: 'rr', reportSpecifierId: 'GB', reportName: 'HISTORY_GREENBUTTON',
      intervals: [{ payloads: [], greenButton: [{ intervalLengthS: 900, block: { start: '2026-06-01T00:00:00Z', durationS: 900 }, readings }] }] }] });
    expect(refusal(xml).reason).toMatch(/gb:IntervalReading\[1000\] is one of more than 1000 report values/);
  });

  it(`${MAX_EVENT_RESPONSES_PER_MESSAGE + 1} eventResponses in one oadrCreatedEvent are refused`, () => {
    const eventResponses = Array.from({ length: MAX_EVENT_RESPONSES_PER_MESSAGE + 1 }, (_, i) => ({ eventId: `ev-${i}`, modificationNumber: 0, optType: 'optIn' as const, requestId: 'r' }));
    const err = refusal(X.oadrCreatedEvent({ response: { requestId: 'r' }, venId: 'ven-1', eventResponses }));
    expect([err.code, err.messageType, err.venId]).toEqual(['E_PAYLOAD', 'oadrCreatedEvent', 'ven-1']);
    expect(err.reason).toMatch(/more than 256 event responses/);
  });
});
