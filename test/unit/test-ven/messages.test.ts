// Every VEN message, in every namespace style, is XSD-valid, keeps IDs verbatim and means the same thing.
import { beforeAll, describe, expect, it } from 'vitest';
import * as X from '../../helpers/ven-xml/index.js';
import { parseReplyBody } from '../../helpers/ven-xml/reply-parse.js';
import { loadValidator, type XsdResult } from './local-xsd.js';
import { REQUIRED_TYPES, sampleMessages } from './sample-messages.js';

let validate: (xml: string) => Promise<XsdResult>;
beforeAll(async () => { validate = await loadValidator(); });

describe.each(X.STYLES)('style %s', (style) => {
  const messages = sampleMessages(style);

  it('covers every message a VEN sends', () => {
    expect(new Set(messages.map((m) => m.payloadType))).toEqual(new Set(REQUIRED_TYPES));
  });

  it.each(messages.map((m) => [m.name, m]))('%s validates against the OpenADR 2.0b XSD', async (_name, m) => {
    const result = await validate(m.xml);
    expect(result.errors).toEqual([]);
    expect(result.ok).toBe(true);
    expect(parseReplyBody(m.xml).type).toBe(m.payloadType);
  });

  it('writes IDs verbatim as text ("0012" stays "0012")', () => {
    const poll = parseReplyBody(X.oadrPoll({ venId: '0012' }, { style }));
    expect(poll.payload).toMatchObject({ venID: '0012' });
    expect(X.oadrPoll({ venId: '0012' }, { style })).toMatch(/>0012</);
  });

  it('escapes markup in text', async () => {
    const xml = X.oadrCreatePartyRegistration({ requestId: '0012', venName: `a<b>&c"d'e` }, { style });
    expect(xml).toContain('a&lt;b&gt;&amp;c"d\'e');
    expect((await validate(xml)).ok).toBe(true);
    expect(parseReplyBody(xml).payload).toMatchObject({ oadrVenName: `a<b>&c"d'e` });
  });
});

describe('namespace styles', () => {
  const byStyle = Object.fromEntries(X.STYLES.map((s) => [s, sampleMessages(s)]));

  it('standard uses the conventional prefixes', () => {
    const xml = byStyle['standard']!.find((m) => m.payloadType === 'oadrUpdateReport')!.xml;
    for (const p of ['oadr:', 'ei:', 'pyld:', 'xcal:', 'strm:']) expect(xml).toContain(`<${p}`);
  });

  it('custom-prefixes never uses a conventional prefix', () => {
    for (const m of byStyle['custom-prefixes']!) {
      expect(m.xml).not.toMatch(/<\/?(oadr|ei|pyld|emix|power|scale|xcal|strm):/);
      expect(m.xml).toMatch(/<a:oadrPayload/);
    }
  });

  it('default-ns writes unprefixed elements and redeclares the default namespace inside', () => {
    for (const m of byStyle['default-ns']!) {
      expect(m.xml).not.toMatch(/<\/?[A-Za-z0-9]+:[A-Za-z]/);
      expect((m.xml.match(/ xmlns="/g) ?? []).length).toBeGreaterThan(1);
    }
  });

  it('all styles decode to the same content', () => {
    const standard = byStyle['standard']!.map((m) => parseReplyBody(m.xml).payload);
    for (const style of ['custom-prefixes', 'default-ns'] as const) {
      expect(byStyle[style]!.map((m) => parseReplyBody(m.xml).payload)).toEqual(standard);
    }
  });
});

describe('bad input', () => {
  it('the XSD check is a real check: a poll without venID fails it', async () => {
    const broken = X.oadrPoll({ venId: '0012' }).replace('<ei:venID>0012</ei:venID>', '');
    const result = await validate(broken);
    expect(result.ok).toBe(false);
    expect(result.errors.join(' ')).toMatch(/venID/);
  });

  it('rejects an optType other than optIn/optOut', () => {
    const bad = { eventId: '1', modificationNumber: 0, optType: 'maybe' as X.OptTypeInput };
    expect(() => X.oadrCreatedEvent({ response: { requestId: '' }, eventResponses: [bad], venId: 'v' })).toThrow(/optType must be optIn or optOut/);
  });

  it('rejects a response code that is not three digits', () => {
    expect(() => X.oadrResponse({ response: { requestId: '', code: 20 } })).toThrow(/three digits/);
  });

  it('rejects a negative or fractional modificationNumber', () => {
    const r = (n: number) => X.oadrCreatedEvent({ response: { requestId: '' }, eventResponses: [{ eventId: '1', modificationNumber: n, optType: 'optIn' }], venId: 'v' });
    expect(() => r(-1)).toThrow(/modificationNumber/);
    expect(() => r(1.5)).toThrow(/modificationNumber/);
  });

  it('rejects a confidence outside 0..100 and a non-finite value', () => {
    const report = (payload: X.ReportPayloadInput): X.ReportInput => ({ reportRequestId: '1', reportSpecifierId: 's', intervals: [{ payloads: [payload] }] });
    expect(() => X.oadrUpdateReport({ requestId: '1', reports: [report({ rId: 'r', confidence: 101, value: 1 })] })).toThrow(/confidence/);
    expect(() => X.oadrUpdateReport({ requestId: '1', reports: [report({ rId: 'r', value: Number.NaN })] })).toThrow(/finite/);
  });

  it('rejects characters XML cannot carry and invalid dates', () => {
    expect(() => X.oadrPoll({ venId: 'a\u0001b' })).toThrow(/cannot carry/);
    expect(() => X.oadrCancelOpt({ requestId: '1', optId: 'o', venId: 'v' })).not.toThrow();
    expect(() => X.oadrCreateOpt({ requestId: '1', optId: 'o', optType: 'optIn', optReason: 'economic', venId: 'v', createdDateTime: new Date('x') })).toThrow(/invalid Date/);
  });
});
