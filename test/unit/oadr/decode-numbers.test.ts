// Requirements §9 "atomic messages": NaN, INF, out-of-range and malformed numbers are refused at decode, naming the field.
import { describe, expect, it } from 'vitest';
import { decodeOadrPayload } from '../../../src/oadr/decode.js';
import { encodeOadrPayload } from '../../../src/oadr/encode.js';
import type { OadrUpdateReport } from '../../../src/oadr/model.js';
import * as X from '../../helpers/ven-xml/index.js';
import { decodeRefusal } from './decode-refusal.js';
import { SAMPLES } from './fixtures.js';

const refusal = decodeRefusal;

// xs:float, xs:decimal and xs:unsignedInt fields the decoders read, as the encoder and the test VEN write them.
const NUMERIC = ['ei:value', 'ei:accuracy', 'ei:confidence', 'oadr:oadrCurrent', 'oadr:oadrMin', 'oadr:oadrMax', 'oadr:oadrNormal',
  'ei:modificationNumber', 'ei:priority', 'pyld:replyLimit', 'ei:responseCode', 'power:hertz', 'power:voltage',
  'espi:value', 'espi:start', 'espi:duration', 'espi:intervalLength', 'espi:powerOfTenMultiplier', 'espi:uom'];
const EDGES = ['NaN', 'INF', '-INF', '+INF', '1e999', '-1e999', '1e301', '-1.5e301', '0x10', '', '+', '-', '   ', '1 2', '1,5', '12abc', '١٢'];
// ESPI uom is a code looked up as text, not a number: only its size is capped.
const TEXT_CODES = new Set(['espi:uom']);

const GREEN_BUTTON = X.oadrUpdateReport({
  requestId: 'gb-1', venId: 'ven-123',
  reports: [{ reportRequestId: 'rr-gb', reportSpecifierId: 'GB', reportName: 'HISTORY_GREENBUTTON', intervals: [{ payloads: [], greenButton: [{
    uom: 72, powerOfTenMultiplier: -3, intervalLengthS: 900, block: { start: '2026-06-01T00:00:00Z', durationS: 3600 },
    readings: [{ value: 1234 }, { start: '2026-06-01T00:15:00Z', durationS: 900, value: 99 }],
  }] }] }],
  // The block's own duration is never read (each reading has its length), so it takes no part here.
}).replace('<espi:interval><espi:duration>3600</espi:duration>', '<espi:interval>');
const DOCUMENTS = [...Object.values(SAMPLES).map((m) => encodeOadrPayload(m)), GREEN_BUTTON];

function numericLeaves(xml: string): { name: string; start: number; end: number }[] {
  return [...xml.matchAll(/<([A-Za-z]+:[A-Za-z]+)>([^<]*)<\/\1>/g)]
    .filter((m) => NUMERIC.includes(m[1]!) && !TEXT_CODES.has(m[1]!))
    .map((m) => ({ name: m[1]!, start: m.index! + m[1]!.length + 2, end: m.index! + m[0].length - m[1]!.length - 3 }));
}

describe('numeric edges are refused at decode, naming the field', () => {
  it('NaN, ±INF, 1e999, beyond ±1e300, hex, empty, a lone sign, whitespace-only and inner spaces in every numeric field of every payload type', () => {
    const seen = new Set<string>();
    for (const xml of DOCUMENTS) {
      for (const leaf of numericLeaves(xml)) {
        seen.add(leaf.name);
        for (const edge of EDGES) {
          const err = refusal(xml.slice(0, leaf.start) + edge + xml.slice(leaf.end));
          expect(err.code, `${leaf.name} = "${edge}"`).toBe('E_PAYLOAD');
          expect(err.messageType, `${leaf.name} = "${edge}"`).toBeDefined();
          expect(err.reason, `${leaf.name} = "${edge}"`).toContain(leaf.name.replace(/^espi:/, 'gb:'));
        }
      }
    }
    expect([...seen].sort()).toEqual(NUMERIC.filter((n) => !TEXT_CODES.has(n)).sort());
  });

  it('the refusal says what was wrong and what a good value looks like', () => {
    const update = encodeOadrPayload(SAMPLES.oadrUpdateReport);
    const withValue = (v: string) => update.replace(/<ei:value>[^<]*<\/ei:value>/, `<ei:value>${v}</ei:value>`);
    expect(refusal(withValue('NaN')).reason).toMatch(/ei:payloadFloat\/ei:value "NaN" is not a finite number such as 12.5 or 1.2E3 \(NaN and INF are refused\)$/);
    expect(refusal(withValue('1e999')).reason).toMatch(/ei:value 1e999 is outside -1e300 to 1e300$/);
    expect(refusal(withValue('1 2')).reason).toMatch(/ei:value "1 2" is not a finite number/);
  });

  it('xs:unsignedInt fields refuse negatives, fractions and values past 4294967295; confidence stays within 0–100', () => {
    const event = encodeOadrPayload(SAMPLES.oadrCreatedEvent);
    // A no-break space is not XML whitespace: '\u00a07' is not the number 7.
    for (const bad of ['-1', '1.5', '4294967296', '99999999999999999999', '1e3', '\u00a07', '7\u00a0']) {
      expect(refusal(event.replace('<ei:modificationNumber>3<', `<ei:modificationNumber>${bad}<`)).reason, bad).toMatch(/ei:modificationNumber/);
    }
    const update = encodeOadrPayload(SAMPLES.oadrUpdateReport);
    expect(refusal(update.replace(/<ei:confidence>\d+</, '<ei:confidence>101<')).reason).toMatch(/ei:confidence 101 is outside 0 to 100/);
  });

  it('good numbers with XML whitespace around them, exponents and signs still decode', () => {
    const update = encodeOadrPayload(SAMPLES.oadrUpdateReport);
    for (const [text, value] of [[' 12.5 ', 12.5], ['1.2E3', 1200], ['-0.5', -0.5], ['.5', 0.5], ['5.', 5], ['+7', 7], ['1e300', 1e300], ['1e-400', 0]] as const) {
      const msg = decodeOadrPayload(update.replace(/<ei:value>[^<]*<\/ei:value>/, `<ei:value>${text}</ei:value>`)).message as OadrUpdateReport;
      expect(msg.reports[0]!.intervals[0]!.payloads[0]!.value, text).toBe(value);
    }
  });

  it('durations longer than 100 years (or too long to compute) are refused; P36500D is accepted', () => {
    const reg = encodeOadrPayload(SAMPLES.oadrCreatedPartyRegistration);
    expect(refusal(reg.replace('PT10S', 'P36501D')).reason).toMatch(/oadrRequestedOadrPollFreq\/xcal:duration is longer than 36500 days/);
    expect(refusal(reg.replace('PT10S', `P${'9'.repeat(400)}D`)).reason).toMatch(/is longer than 36500 days/);
    expect(() => decodeOadrPayload(reg.replace('PT10S', 'P36500D'))).not.toThrow();
  });

  it('Green Button: a start past year 9999, a 10^31 multiplier or a reading past Int48 is refused', () => {
    const starts = GREEN_BUTTON.replace(/<espi:start>\d+</g, '<espi:start>253402300800<');
    expect(refusal(starts).reason).toMatch(/gb:start 253402300800 is outside 0 to 253402300799/);
    expect(refusal(GREEN_BUTTON.replace('<espi:powerOfTenMultiplier>-3<', '<espi:powerOfTenMultiplier>31<')).reason).toMatch(/gb:powerOfTenMultiplier/);
    expect(refusal(GREEN_BUTTON.replace('<espi:value>99<', `<espi:value>${2 ** 47}<`)).reason).toMatch(/gb:value/);
  });

  it('Green Button: a reading time derived from a late block start and a long intervalLength may not pass year 9999 either', () => {
    const late = X.oadrUpdateReport({
      requestId: 'gb-2', venId: 'ven-123',
      reports: [{ reportRequestId: 'rr-gb', reportSpecifierId: 'GB', reportName: 'HISTORY_GREENBUTTON', intervals: [{ payloads: [], greenButton: [{
        uom: 72, powerOfTenMultiplier: 0, intervalLengthS: 4_294_967_295, block: { start: '9999-12-31T23:00:00Z', durationS: 3600 },
        readings: [{ value: 1 }, { value: 2 }],
      }] }] }],
    });
    expect(refusal(late).reason).toMatch(/IntervalReading.* starts at \d+ s \(block start \+ 1 × intervalLength\), past year 9999/);
  });
});
