// Whole-document bounds that keep one 1 MiB request cheap: an element count, and a ds:Signature that may not
// outgrow the OpenADR signature shape. Both stop the reader where the bound is crossed, not after a full parse.
import { describe, expect, it } from 'vitest';
import { decodeOadrPayload } from '../../../src/oadr/decode.js';
import { MAX_DATA_POINTS_PER_MESSAGE, MAX_REPORTS_PER_MESSAGE, MAX_SIGNATURE_ELEMENTS } from '../../../src/oadr/decode-limits.js';
import { DEFAULT_MAX_ATTRIBUTES, DEFAULT_MAX_ELEMENTS } from '../../../src/oadr/xml-guard.js';
import { readXml } from '../../../src/oadr/xml-read.js';
import { decodeRefusal } from './decode-refusal.js';
import * as X from '../../helpers/ven-xml/index.js';

const NS = 'xmlns:oadr="http://openadr.org/oadr-2.0b/2012/07" xmlns:ei="http://docs.oasis-open.org/ns/energyinterop/201110" xmlns:ds="http://www.w3.org/2000/09/xmldsig#"';
const poll = (inside: string) => `<oadr:oadrPayload ${NS}><oadr:oadrSignedObject><oadr:oadrPoll ei:schemaVersion="2.0b"><ei:venID>v1</ei:venID>${inside}</oadr:oadrPoll></oadr:oadrSignedObject></oadr:oadrPayload>`;
const signedPoll = (signatureBody: string) => `<oadr:oadrPayload ${NS}><ds:Signature>${signatureBody}</ds:Signature><oadr:oadrSignedObject Id="oadrSignedObject"><oadr:oadrPoll ei:schemaVersion="2.0b"><ei:venID>v1</ei:venID></oadr:oadrPoll></oadr:oadrSignedObject></oadr:oadrPayload>`;

const refusal = (xml: string): string => decodeRefusal(xml).reason;

describe('document element bound', () => {
  it(`a poll padded with ${DEFAULT_MAX_ELEMENTS + 1} tiny elements is refused as too many elements`, () => {
    // Root, signed object, poll and venID are 4 elements: this many <x/> make one too many.
    const xml = poll('<x/>'.repeat(DEFAULT_MAX_ELEMENTS - 3));
    expect(refusal(xml)).toMatch(`more than ${DEFAULT_MAX_ELEMENTS} elements`);
    expect(() => readXml(poll('<x/>'.repeat(DEFAULT_MAX_ELEMENTS - 4)))).not.toThrow();
  });

  it('the reader stops at the bound: a syntax error after it is never reached', () => {
    const xml = poll(`${'<x/>'.repeat(DEFAULT_MAX_ELEMENTS)}<unclosed>`);
    expect(refusal(xml)).toMatch('more than');
  });

  it('the largest registration the decode caps allow (32 reports, 1,000 data points) stays under the bound and decodes', () => {
    const perReport = Math.floor(MAX_DATA_POINTS_PER_MESSAGE / MAX_REPORTS_PER_MESSAGE);
    const reports = Array.from({ length: MAX_REPORTS_PER_MESSAGE }, (_, r) => {
      const base = X.telemetryUsageMetadata({ rIdPrefix: `r${r}-`, reportSpecifierId: `spec-${r}` });
      const point = base.descriptions![0]!;
      return { ...base, descriptions: Array.from({ length: perReport }, (_, i) => ({ ...point, rId: `r${r}-p${i}` })) };
    });
    const xml = X.oadrRegisterReport({ requestId: 'rr-max', venId: 'ven-1', reports });
    const elements = (xml.match(/<[A-Za-z]/g) ?? []).length;
    expect(elements).toBeLessThan(DEFAULT_MAX_ELEMENTS);
    const decoded = decodeOadrPayload(xml).message;
    expect(decoded.type).toBe('oadrRegisterReport');
  });
});

describe('document attribute bound', () => {
  it(`400 elements with 256 attributes each are refused once the document passes ${DEFAULT_MAX_ATTRIBUTES} attributes`, () => {
    const attrs = Array.from({ length: 256 }, (_, i) => ` a${i}=""`).join('');
    const reason = refusal(poll(`<x${attrs}/>`.repeat(400)));
    expect(reason).toMatch(`more than ${DEFAULT_MAX_ATTRIBUTES} attributes`);
    // Up to the bound the same shape is read (the poll's own schemaVersion and xmlns count too).
    expect(() => readXml(poll(`<x${attrs}/>`.repeat(15)))).not.toThrow();
  });
});

describe('ds:Signature bound', () => {
  it(`padding inside the signature (an extra ds:Object) is refused at its ${MAX_SIGNATURE_ELEMENTS + 1}th element, before the rest is read`, () => {
    // A syntax error right after the padding would be the refusal if the reader went on.
    const padded = signedPoll(`<ds:SignedInfo/><ds:Object Id="pad">${'<ds:p a="1">x</ds:p>'.repeat(MAX_SIGNATURE_ELEMENTS)}<unclosed></ds:Object>`);
    expect(refusal(padded)).toMatch(`ds:Signature holds more than ${MAX_SIGNATURE_ELEMENTS} elements`);
  });

  it('a signature of the expected size is read (the bound counts only inside ds:Signature)', () => {
    const normal = signedPoll(`<ds:SignedInfo>${'<ds:Reference/>'.repeat(MAX_SIGNATURE_ELEMENTS - 2)}</ds:SignedInfo>`);
    expect(decodeOadrPayload(normal)).toMatchObject({ signed: true, message: { type: 'oadrPoll', venId: 'v1' } });
    // Elements in the signed object do not count against the signature's bound.
    const bigPayload = `<oadr:oadrPayload ${NS}><ds:Signature><ds:SignedInfo/></ds:Signature><oadr:oadrSignedObject><oadr:oadrPoll ei:schemaVersion="2.0b"><ei:venID>v1</ei:venID>${'<x/>'.repeat(200)}</oadr:oadrPoll></oadr:oadrSignedObject></oadr:oadrPayload>`;
    expect(() => readXml(bigPayload)).not.toThrow();
    expect(refusal(bigPayload)).not.toMatch('ds:Signature holds');
  });
});
