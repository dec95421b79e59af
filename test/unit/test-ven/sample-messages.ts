// Every message the test VEN can send, in each form worth checking, with "0012"-style IDs throughout.
import * as X from '../../helpers/ven-xml/index.js';

export const FIXED_TIME = new Date('2026-11-05T10:00:00Z');

export interface SampleMessage { name: string; payloadType: string; xml: string }

const usage = X.telemetryUsageMetadata({ rIdPrefix: '0012-', resourceId: 'res-0012', createdDateTime: FIXED_TIME });
const status = X.telemetryStatusMetadata({ rIdPrefix: '0012-', createdDateTime: FIXED_TIME });

const floatReport: X.ReportInput = {
  dtstart: FIXED_TIME, duration: 'PT2M',
  intervals: [
    { dtstart: FIXED_TIME, duration: 'PT1M', uid: '0', payloads: [
      { rId: '0012-powerReal', confidence: 95, accuracy: 0.5, value: 12.5 },
      { rId: '0012-voltage', value: 229.9, dataQuality: 'Quality Good - Non Specific' },
    ] },
    { dtstart: new Date(FIXED_TIME.getTime() + 60_000), duration: 'PT1M', uid: '1', payloads: [
      { rId: '0012-powerReal', confidence: 0, accuracy: 0, value: -3 },
    ] },
  ],
  reportRequestId: '0042', reportSpecifierId: '0012-TELEMETRY_USAGE', reportName: 'TELEMETRY_USAGE', createdDateTime: FIXED_TIME,
};

const statusReport: X.ReportInput = {
  intervals: [{ dtstart: FIXED_TIME, duration: 'PT0S', payloads: [
    { rId: '0012-status', value: { online: true, manualOverride: false, loadControlState: { capacity: { current: 0.5, normal: 1 }, setPoint: { min: 18, max: 24, current: 21 } } } },
  ] }, { payloads: [{ rId: '0012-status', value: { online: false, manualOverride: true } }] }],
  reportRequestId: '0043', reportSpecifierId: '0012-TELEMETRY_STATUS', reportName: 'TELEMETRY_STATUS', createdDateTime: FIXED_TIME,
};

export function sampleMessages(style: X.Style): SampleMessage[] {
  const o = { style };
  const ok: X.ResponseInput = { requestId: '0012' };
  const m = (name: string, payloadType: string, xml: string): SampleMessage => ({ name, payloadType, xml });
  return [
    m('query registration', 'oadrQueryRegistration', X.oadrQueryRegistration({ requestId: '0012' }, o)),
    m('create registration, minimal', 'oadrCreatePartyRegistration', X.oadrCreatePartyRegistration({ requestId: '0012', venName: 'ven <&> "one"' }, o)),
    m('create registration, full', 'oadrCreatePartyRegistration', X.oadrCreatePartyRegistration({
      requestId: '0012', venName: 'ven-0012', venId: '0012', registrationId: '0099', profile: '2.0b', transport: 'simpleHttp',
      transportAddress: 'http://ven.example:8080/', reportOnly: true, xmlSignature: true, httpPullModel: false,
    }, o)),
    m('cancel registration', 'oadrCancelPartyRegistration', X.oadrCancelPartyRegistration({ requestId: '0012', registrationId: '0099', venId: '0012' }, o)),
    m('canceled registration', 'oadrCanceledPartyRegistration', X.oadrCanceledPartyRegistration({ response: ok, registrationId: '0099', venId: '0012' }, o)),
    m('poll', 'oadrPoll', X.oadrPoll({ venId: '0012' }, o)),
    m('request event', 'oadrRequestEvent', X.oadrRequestEvent({ requestId: '0012', venId: '0012', replyLimit: 5 }, o)),
    m('created event, several responses', 'oadrCreatedEvent', X.oadrCreatedEvent({
      response: { requestId: 'dist-1', code: 200, description: 'ok' }, venId: '0012',
      eventResponses: [
        { eventId: '0012', modificationNumber: 0, optType: 'optIn', requestId: 'dist-1' },
        { eventId: 'ev-2', modificationNumber: 7, optType: 'optOut', code: '200', description: 'user override', requestId: 'dist-1' },
        { eventId: 'ev-3', modificationNumber: 1, optType: 'optOut', code: 460, description: 'signal not supported' },
      ],
    }, o)),
    m('created event, no responses', 'oadrCreatedEvent', X.oadrCreatedEvent({ response: ok, eventResponses: [], venId: '0012' }, o)),
    m('response', 'oadrResponse', X.oadrResponse({ response: { requestId: '', code: 200 }, venId: '0012' }, o)),
    m('create opt, event form', 'oadrCreateOpt', X.oadrCreateOpt({
      requestId: '0012', optId: 'opt-0012', optType: 'optOut', optReason: 'participating', marketContext: 'http://market.example/ctx',
      venId: '0012', createdDateTime: FIXED_TIME, event: { eventId: '0012', modificationNumber: 2 },
      targets: { resourceIds: ['res-1', 'res-2'] },
    }, o)),
    m('create opt, schedule form', 'oadrCreateOpt', X.oadrCreateOpt({
      requestId: '0012', optId: 'opt-sched', optType: 'optIn', optReason: 'x-schedule', venId: '0012', createdDateTime: FIXED_TIME,
      vavailability: [{ dtstart: FIXED_TIME, duration: 'PT4H' }, { dtstart: '2026-11-06T08:00:00Z', duration: 'P7D' }],
      targets: { venIds: ['0012'], groupIds: ['g1'], endDeviceAssets: ['Thermostat'] }, deviceClass: ['Thermostat'],
    }, o)),
    m('cancel opt', 'oadrCancelOpt', X.oadrCancelOpt({ requestId: '0012', optId: 'opt-0012', venId: '0012' }, o)),
    m('register report, usage + status', 'oadrRegisterReport', X.oadrRegisterReport({ requestId: '0012', reports: [usage, status], venId: '0012' }, o)),
    m('register report, zero reports', 'oadrRegisterReport', X.oadrRegisterReport({ requestId: '0012', reports: [], venId: '0012' }, o)),
    m('register report, answering a METADATA request', 'oadrRegisterReport', X.oadrRegisterReport({ requestId: '0012', reports: [status], venId: '0012', reportRequestId: '0007' }, o)),
    m('registered report', 'oadrRegisteredReport', X.oadrRegisteredReport({ response: ok, venId: '0012' }, o)),
    m('registered report with a request', 'oadrRegisteredReport', X.oadrRegisteredReport({
      response: ok, venId: '0012', reportRequests: [{
        reportRequestId: '0012', reportSpecifierId: 'VTN-METADATA', granularity: 'PT1M', reportBackDuration: 'PT5M',
        reportInterval: { dtstart: FIXED_TIME, duration: 'PT1H' },
        specifierPayloads: [{ rId: 'r1', readingType: 'Direct Read', item: { kind: 'energyReal', siScaleCode: 'k' } }],
      }],
    }, o)),
    m('created report', 'oadrCreatedReport', X.oadrCreatedReport({ response: ok, pendingReports: ['0042', '0043'], venId: '0012' }, o)),
    m('created report, nothing pending', 'oadrCreatedReport', X.oadrCreatedReport({ response: ok, pendingReports: [], venId: '0012' }, o)),
    m('update report, floats', 'oadrUpdateReport', X.oadrUpdateReport({ requestId: '0012', reports: [floatReport], venId: '0012' }, o)),
    m('update report, resource status', 'oadrUpdateReport', X.oadrUpdateReport({ requestId: '0012', reports: [statusReport, floatReport], venId: '0012' }, o)),
    m('canceled report', 'oadrCanceledReport', X.oadrCanceledReport({ response: { requestId: 'vtn-cr-2', code: 200 }, pendingReports: ['0043'], venId: '0012' }, o)),
  ];
}

/** Payload local names the brief requires the VEN to be able to send. */
export const REQUIRED_TYPES = [
  'oadrQueryRegistration', 'oadrCreatePartyRegistration', 'oadrCancelPartyRegistration', 'oadrCanceledPartyRegistration',
  'oadrPoll', 'oadrRequestEvent', 'oadrCreatedEvent', 'oadrResponse', 'oadrCreateOpt', 'oadrCancelOpt', 'oadrRegisterReport',
  'oadrRegisteredReport', 'oadrCreatedReport', 'oadrUpdateReport', 'oadrCanceledReport',
];
