// Every VEN message, in every namespace style, is XSD-valid, keeps IDs verbatim and means the same thing.
import { describe, expect, it } from 'vitest';
import * as X from '../../helpers/ven-xml/index.js';
import { parseReplyBody } from '../../helpers/ven-xml/reply-parse.js';
import { validateOadr as validate } from '../../helpers/xsd.js';
import { REQUIRED_TYPES, sampleMessages } from './sample-messages.js';

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

describe('content round-trips through a reader', () => {
  const find = (type: string, name: string) =>
    parseReplyBody(sampleMessages('standard').find((m) => m.payloadType === type && m.name === name)!.xml).payload;

  it('update report carries readings with confidence/accuracy/quality and resource status', () => {
    const payload = find('oadrUpdateReport', 'update report, resource status') as {
      oadrReport: Array<{ intervals: { interval: Array<{ oadrReportPayload: unknown[] }> }; reportRequestID: string }>;
    };
    const [status, floats] = payload.oadrReport;
    expect(floats!.reportRequestID).toBe('0042');
    expect(floats!.intervals.interval[0]!.oadrReportPayload).toEqual([
      { rID: '0012-powerReal', confidence: '95', accuracy: '0.5', payloadFloat: { value: '12.5' } },
      { rID: '0012-voltage', payloadFloat: { value: '229.9' }, oadrDataQuality: 'Quality Good - Non Specific' },
    ]);
    expect(status!.intervals.interval[0]!.oadrReportPayload[0]).toEqual({
      rID: '0012-status',
      oadrPayloadResourceStatus: {
        oadrOnline: 'true', oadrManualOverride: 'false',
        oadrLoadControlState: { oadrCapacity: { oadrCurrent: '0.5', oadrNormal: '1' }, oadrSetPoint: { oadrMin: '18', oadrMax: '24', oadrCurrent: '21' } },
      },
    });
  });

  it('metadata offers power, energy and voltage with sampling rates, reportRequestID 0', () => {
    const payload = find('oadrRegisterReport', 'register report, usage + status') as {
      oadrReport: Array<{ reportRequestID: string; reportName: string; oadrReportDescription: Array<Record<string, unknown>> }>;
    };
    const usage = payload.oadrReport[0]!;
    expect([usage.reportRequestID, usage.reportName]).toEqual(['0', 'METADATA_TELEMETRY_USAGE']);
    expect(usage.oadrReportDescription.map((d) => Object.keys(d).find((k) => ['powerReal', 'energyReal', 'voltage'].includes(k))))
      .toEqual(['powerReal', 'energyReal', 'voltage']);
    expect(usage.oadrReportDescription[0]).toMatchObject({
      rID: '0012-powerReal', reportType: 'usage', readingType: 'Direct Read',
      powerReal: { itemUnits: 'W', siScaleCode: 'k', powerAttributes: { hertz: '50', voltage: '230', ac: 'true' } },
      oadrSamplingRate: { oadrMinPeriod: 'PT10S', oadrMaxPeriod: 'PT15M', oadrOnChange: 'false' },
    });
  });

  it('registration and opt carry every field given', () => {
    expect(find('oadrCreatePartyRegistration', 'create registration, full')).toMatchObject({
      requestID: '0012', registrationID: '0099', venID: '0012', oadrProfileName: '2.0b', oadrTransportName: 'simpleHttp',
      oadrTransportAddress: 'http://ven.example:8080/', oadrReportOnly: 'true', oadrXmlSignature: 'true',
      oadrVenName: 'ven-0012', oadrHttpPullModel: 'false',
    });
    expect(find('oadrCreateOpt', 'create opt, schedule form')).toMatchObject({
      optID: 'opt-sched', optType: 'optIn', optReason: 'x-schedule', venID: '0012', createdDateTime: '2026-11-05T10:00:00.000Z',
      vavailability: { components: { available: [
        { properties: { dtstart: { 'date-time': '2026-11-05T10:00:00.000Z' }, duration: { duration: 'PT4H' } } },
        { properties: { dtstart: { 'date-time': '2026-11-06T08:00:00Z' }, duration: { duration: 'P7D' } } },
      ] } },
      eiTarget: { endDeviceAsset: [{ mrid: 'Thermostat' }], groupID: ['g1'], venID: ['0012'] },
      oadrDeviceClass: { endDeviceAsset: [{ mrid: 'Thermostat' }] },
    });
  });
});
