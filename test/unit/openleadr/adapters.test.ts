// The compatibility module's conversions and refusals: each wrong shape gets a stable code and says what to return.
import { describe, expect, it } from 'vitest';
import type { ReportValue } from '../../../src/index.js';
import { registrationDecision, venLookup } from '../../../src/openleadr/registration-adapters.js';
import { pairsCallback, registerReport } from '../../../src/openleadr/report-adapters.js';
import { pollMessage } from '../../../src/openleadr/poll-message.js';
import { toAddEventOptions } from '../../../src/openleadr/event-options.js';
import { toCreateOptions } from '../../../src/openleadr/server-options.js';
import { objects, type ReportData, type ReportDict } from '../../../src/openleadr/index.js';

const offered = (reportName: string) => ({
  venId: 'v', reportSpecifierId: 'spec', reportName,
  offers: [{ venId: 'v', reportSpecifierId: 'spec', reportName, reportType: 'usage', rId: 'p', readingType: 'Direct Read', minSamplingMs: 10_000, maxSamplingMs: 60_000 }],
});

describe('registration decisions', () => {
  it('[ven_id, registration_id] accepts; false, null and undefined refuse with 463', () => {
    expect(registrationDecision(['v', 'r'])).toEqual({ venId: 'v', registrationId: 'r' });
    for (const no of [false, null, undefined]) expect(registrationDecision(no)).toMatchObject({ reject: true, code: 463 });
  });

  it.each([[['only-one']], ['v'], [{ ven_id: 'v' }], [[1, 2]]])('%j is E_HANDLER_RESULT naming the tuple to return', (bad) => {
    expect(() => registrationDecision(bad)).toThrow(expect.objectContaining({ code: 'E_HANDLER_RESULT', message: expect.stringContaining('[ven_id, registration_id]') }));
  });

  it('ven_lookup: {} and null are unknown VENs, snake_case dicts become VenInfo, anything else is E_HANDLER_RESULT', async () => {
    const lookup = (answer: unknown) => venLookup(() => answer as never)('v');
    await expect(lookup({})).resolves.toBeUndefined();
    await expect(lookup(null)).resolves.toBeUndefined();
    await expect(lookup({ ven_id: 'v', ven_name: 'n', fingerprint: 'AA', registration_id: 'r' })).resolves.toEqual({ venId: 'v', venName: 'n', fingerprint: 'AA', registrationId: 'r' });
    await expect(lookup({ venId: 'v' })).rejects.toMatchObject({ code: 'E_HANDLER_RESULT' });
  });
});

describe('report decisions', () => {
  it('the compact form: a non-tuple answer is E_HANDLER_RESULT; only telemetry reports are asked about', async () => {
    let asked = 0;
    const handler = registerReport((_a, _b, _c, _d, _e, _f, _g) => { asked++; return { samplingInterval: 1 } as never; });
    await expect(handler(offered('METADATA_TELEMETRY_USAGE') as never)).rejects.toMatchObject({ code: 'E_HANDLER_RESULT', message: expect.stringContaining('[callback, sampling_interval]') });
    await expect(handler(offered('METADATA_HISTORY_USAGE') as never)).resolves.toEqual([]);
    expect(asked).toBe(1);
  });

  it('the full form: each item must be [r_id, callback, sampling_interval, reporting_interval?]', async () => {
    const handler = registerReport((report: ReportDict) => [[report.report_descriptions[0]!.r_id, 'not a function', 'PT1M']] as never);
    await expect(handler(offered('METADATA_TELEMETRY_USAGE') as never)).rejects.toMatchObject({ code: 'E_HANDLER_RESULT', message: expect.stringContaining('callback') });
  });

  it('report callbacks get [time, value] pairs; status values with snake_case keys', async () => {
    const got: ReportData[] = [];
    const at = new Date('2026-06-01T12:00:00Z');
    const value = (v: ReportValue['value']): ReportValue => ({ venId: 'v', reportRequestId: 'q', rId: 'r', time: at, value: v });
    await pairsCallback((data) => void got.push(data))([value(1.5), value({ online: true, manualOverride: false })]);
    expect(got).toEqual([[[at, 1.5], [at, { online: true, manual_override: false }]]]);
  });
});

describe('keywords', () => {
  it('add_event: a misspelt keyword is E_EVENT_INVALID listing the keywords; a callback must be a function or a deferred', () => {
    const base = { ven_id: 'v', signal_name: 'simple', signal_type: 'level', intervals: [{ dtstart: '2026-06-01T12:00:00Z', duration: 'PT1H', signal_payload: 1 }] };
    expect(() => toAddEventOptions({ ...base, signal_nmae: 'x' } as never)).toThrow(expect.objectContaining({ code: 'E_EVENT_INVALID', message: expect.stringMatching(/'signal_nmae'.*signal_name/) }));
    expect(() => toAddEventOptions({ ...base, callback: 42 } as never)).toThrow(expect.objectContaining({ code: 'E_EVENT_INVALID', message: expect.stringContaining('deferred') }));
    expect(() => toAddEventOptions({ ...base, targets_by_type: { end_device_asset: ['x'] } } as never)).toThrow(expect.objectContaining({ code: 'E_EVENT_TARGET' }));
  });

  it('OpenADRServer: unknown keywords, no vtn_id, and half the TLS files are E_CONFIG', () => {
    expect(() => toCreateOptions({ vtn_id: 'V', fingerprint_lookup: () => '' } as never)).toThrow(expect.objectContaining({ code: 'E_CONFIG', message: expect.stringContaining("'fingerprint_lookup'") }));
    expect(() => toCreateOptions({} as never)).toThrow(expect.objectContaining({ code: 'E_CONFIG', message: expect.stringContaining('vtn_id') }));
    expect(() => toCreateOptions({ vtn_id: 'V', http_cert: 'a.crt', http_key: 'a.key' })).toThrow(expect.objectContaining({ code: 'E_CONFIG', message: expect.stringContaining('http_ca_file') }));
  });

  it('the keyword names map onto the typed options (in memory, OpenLEADR\'s defaults)', () => {
    const { options } = toCreateOptions({ vtn_id: 'V', http_host: '0.0.0.0', http_port: 9000, http_path_prefix: '/x', requested_poll_freq: 'PT30S', vtn_options: { logger: false } });
    expect(options).toMatchObject({ vtnId: 'V', host: '0.0.0.0', port: 9000, prefix: '/x', pollFreq: 'PT30S', inMemory: true, logger: false });
    expect(toCreateOptions({ vtn_id: 'V', vtn_options: { logger: false } }).options).toMatchObject({ host: '127.0.0.1', port: 8080, prefix: '/OpenADR2/Simple/2.0b', pollFreq: 10_000 });
  });
});

describe('objects and on_poll results', () => {
  it('objects.Event without targets throws as OpenLEADR does', () => {
    const descriptor = new objects.EventDescriptor({ event_id: 'e', market_context: 'oadr://m', event_status: 'far' });
    expect(() => new objects.Event({ event_descriptor: descriptor, event_signals: [] })).toThrow(expect.objectContaining({ code: 'E_EVENT_TARGET' }));
  });

  it('an on_poll event without intervals, or an unknown message type, is E_HANDLER_RESULT / E_EVENT_INVALID', () => {
    const ctx = { vtnId: 'V', now: () => new Date() };
    expect(() => pollMessage(['oadrDistributeEvent', { events: [{ event_descriptor: { event_id: 'e' }, event_signals: [], targets: [{ ven_id: 'v' }] }] }], 'v', ctx))
      .toThrow(expect.objectContaining({ code: 'E_EVENT_INVALID' }));
    expect(() => pollMessage(['oadrFoo', {}], 'v', ctx)).toThrow(expect.objectContaining({ code: 'E_HANDLER_RESULT' }));
    expect(() => pollMessage(42, 'v', ctx)).toThrow(expect.objectContaining({ code: 'E_HANDLER_RESULT' }));
    expect(pollMessage(null, 'v', ctx)).toBeUndefined();
    expect(pollMessage(['oadrResponse', {}], 'v', ctx)).toBeUndefined();
  });
});
