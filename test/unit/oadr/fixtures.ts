// Realistic messages of all 23 OpenADR 2.0b payload types, shared by the encode/XSD and round-trip tests.
import type { MessageOf, OadrMessage, OadrMessageType, OadrReport, ReportRequest } from '../../../src/oadr/model.js';

const t = (iso: string): Date => new Date(iso);
const MIN = 60_000;
const HOUR = 60 * MIN;

const metadataReport: OadrReport = {
  reportId: 'rep-meta-1',
  reportSpecifierId: 'spec-telemetry-1',
  reportRequestId: '0',
  reportName: 'METADATA_TELEMETRY_USAGE',
  createdDateTime: t('2026-03-01T10:00:00Z'),
  dtstart: t('2026-03-01T10:00:00Z'),
  duration: 2 * HOUR,
  descriptions: [
    {
      rId: 'rid-power',
      resourceId: 'meter-7',
      reportDataSource: { resourceIds: ['meter-7'] },
      reportType: 'usage',
      itemBase: { kind: 'powerReal', description: 'RealPower', units: 'W', siScaleCode: 'k', powerAttributes: { hertz: 50, voltage: 230, ac: true } },
      readingType: 'Direct Read',
      marketContext: 'http://market.example.com/dr',
      samplingRate: { minPeriod: 10_000, maxPeriod: 15 * MIN, onChange: false },
    },
    {
      rId: 'rid-energy',
      reportType: 'usage',
      itemBase: { kind: 'energyReal', description: 'RealEnergy', units: 'Wh', siScaleCode: 'none' },
      readingType: 'Net',
      samplingRate: { minPeriod: MIN, maxPeriod: HOUR, onChange: true },
    },
    {
      rId: 'rid-volt',
      reportType: 'reading',
      itemBase: { kind: 'voltage', description: 'Voltage', units: 'V', siScaleCode: 'none' },
      readingType: 'x-RMS',
    },
    {
      rId: 'rid-custom',
      reportType: 'x-resourceStatus',
      itemBase: { kind: 'customUnit', description: 'state of charge', units: '%', siScaleCode: 'none' },
      readingType: 'x-notApplicable',
    },
  ],
  intervals: [],
};

const statusReport: OadrReport = {
  reportId: 'rep-status-9',
  reportSpecifierId: 'spec-status-1',
  reportRequestId: '0012',
  reportName: 'TELEMETRY_STATUS',
  createdDateTime: t('2026-03-01T11:00:05Z'),
  descriptions: [],
  intervals: [
    {
      dtstart: t('2026-03-01T11:00:00Z'),
      duration: 5 * MIN,
      uid: '0',
      payloads: [
        {
          rId: 'rid-status',
          confidence: 90,
          accuracy: 0.5,
          value: {
            online: true,
            manualOverride: false,
            loadControlState: { levelOffset: { min: -2, max: 2, current: 1, normal: 0 }, setPoint: { current: 21.5 } },
          },
          dataQuality: 'Quality Good - Non Specific',
        },
      ],
    },
  ],
};

const usageReport: OadrReport = {
  reportSpecifierId: 'spec-telemetry-1',
  reportRequestId: 'req-77',
  reportName: 'TELEMETRY_USAGE',
  createdDateTime: t('2026-03-01T11:15:00Z'),
  dtstart: t('2026-03-01T11:00:00Z'),
  duration: 15 * MIN,
  descriptions: [],
  intervals: [0, 1, 2].map((i) => ({
    dtstart: new Date(Date.parse('2026-03-01T11:00:00Z') + i * 5 * MIN),
    duration: 5 * MIN,
    payloads: [
      { rId: 'rid-power', value: 12.25 + i, confidence: 100 },
      { rId: 'rid-energy', value: 1000 * (i + 1), accuracy: 0.1 },
    ],
  })),
};

const reportRequests: ReportRequest[] = [
  {
    reportRequestId: 'rr-1',
    reportSpecifier: {
      reportSpecifierId: 'spec-telemetry-1',
      granularity: 15 * MIN,
      reportBackDuration: 30 * MIN,
      reportInterval: { dtstart: t('2026-03-01T12:00:00Z'), duration: 24 * HOUR },
      specifierPayloads: [
        { rId: 'rid-power', readingType: 'Direct Read' },
        { rId: 'rid-energy', readingType: 'Net', itemBase: { kind: 'energyReal', description: 'RealEnergy', units: 'Wh', siScaleCode: 'k' } },
      ],
    },
  },
  {
    reportRequestId: 'rr-2',
    reportSpecifier: {
      reportSpecifierId: 'spec-status-1',
      granularity: 0,
      reportBackDuration: 0,
      specifierPayloads: [{ rId: 'rid-status', readingType: 'x-notApplicable' }],
    },
  },
];

const distribute: MessageOf<'oadrDistributeEvent'> = {
  type: 'oadrDistributeEvent',
  response: { responseCode: 200, responseDescription: 'OK', requestId: 'req-poll-1' },
  requestId: 'dist-42',
  vtnId: 'VTN-1',
  events: [
    {
      descriptor: {
        eventId: '0012',
        modificationNumber: 3,
        modificationDateTime: t('2026-03-01T09:00:00Z'),
        modificationReason: 'price update',
        priority: 1,
        marketContext: 'http://market.example.com/dr',
        createdDateTime: t('2026-03-01T09:00:01.250Z'),
        eventStatus: 'far',
        testEvent: false,
        vtnComment: 'Peak <shave> & "save"',
      },
      activePeriod: {
        dtstart: t('2026-03-02T14:00:00Z'),
        duration: 2 * HOUR,
        startAfter: 5 * MIN,
        notification: 24 * HOUR,
        rampUp: 15 * MIN,
        recovery: 10 * MIN,
      },
      signals: [
        {
          signalName: 'SIMPLE',
          signalType: 'level',
          signalId: 'sig-simple',
          intervals: [{ duration: HOUR, payload: 1 }, { duration: 30 * MIN, payload: 2 }, { duration: 30 * MIN, payload: 3 }],
          currentValue: 0,
        },
        {
          signalName: 'ELECTRICITY_PRICE',
          signalType: 'price',
          signalId: 'sig-price',
          intervals: [{ duration: 2 * HOUR, payload: 0.35, uid: 'p0' }],
          itemBase: { kind: 'currencyPerKWh', description: 'currencyPerKWh', units: 'USD', siScaleCode: 'none' },
          target: { resourceIds: ['pump-1', 'pump-2'] },
          currentValue: 0,
        },
        {
          signalName: 'LOAD_DISPATCH',
          signalType: 'setpoint',
          signalId: 'sig-dispatch',
          intervals: [{ duration: 2 * HOUR, payload: -5.5 }],
          itemBase: { kind: 'powerReal', description: 'RealPower', units: 'W', siScaleCode: 'k', powerAttributes: { hertz: 60, voltage: 120, ac: true } },
        },
      ],
      baseline: {
        baselineId: 'bl-1',
        baselineName: 'typical day',
        dtstart: t('2026-03-02T14:00:00Z'),
        duration: 2 * HOUR,
        intervals: [{ duration: HOUR, payload: 40 }, { duration: HOUR, payload: 42.5 }],
        itemBase: { kind: 'powerReal', description: 'RealPower', units: 'W', siScaleCode: 'k', powerAttributes: { hertz: 60, voltage: 120, ac: true } },
        resourceIds: ['pump-1'],
      },
      target: { venIds: ['ven-123'], groupIds: ['g1'], groupNames: ['North'], resourceIds: ['pump-1'], partyIds: ['party-9'] },
      responseRequired: 'always',
    },
    {
      descriptor: {
        eventId: 'evt-2',
        modificationNumber: 0,
        marketContext: 'oadr://unknown.context',
        createdDateTime: t('2026-03-01T09:00:00Z'),
        eventStatus: 'active',
        testEvent: true,
      },
      activePeriod: { dtstart: t('2026-03-01T08:00:00Z'), duration: 0 },
      signals: [{ signalName: 'x-custom', signalType: 'x-loadControlCapacity', signalId: 's', intervals: [{ duration: 0, payload: 0.8 }], currentValue: 0.8 }],
      target: {},
      responseRequired: 'never',
    },
  ],
};

/** One realistic message per payload type. */
export const SAMPLES: { [T in OadrMessageType]: MessageOf<T> } = {
  oadrDistributeEvent: distribute,
  oadrCreatedEvent: {
    type: 'oadrCreatedEvent',
    response: { responseCode: 200, responseDescription: 'OK', requestId: 'dist-42' },
    eventResponses: [
      { responseCode: 200, responseDescription: 'OK', requestId: 'dist-42', eventId: '0012', modificationNumber: 3, optType: 'optIn' },
      { responseCode: 460, requestId: 'dist-42', eventId: 'evt-2', modificationNumber: 0, optType: 'optOut' },
    ],
    venId: 'ven-123',
  },
  oadrRequestEvent: { type: 'oadrRequestEvent', requestId: 'req-ev-1', venId: 'ven-123', replyLimit: 5 },
  oadrResponse: { type: 'oadrResponse', response: { responseCode: 200, responseDescription: 'OK', requestId: '' }, venId: 'ven-123' },
  oadrCancelOpt: { type: 'oadrCancelOpt', requestId: 'req-co', optId: 'opt-1', venId: 'ven-123' },
  oadrCanceledOpt: { type: 'oadrCanceledOpt', response: { responseCode: 200, requestId: 'req-co' }, optId: 'opt-1' },
  oadrCreateOpt: {
    type: 'oadrCreateOpt',
    optId: 'opt-1',
    optType: 'optOut',
    optReason: 'x-schedule',
    marketContext: 'http://market.example.com/dr',
    venId: 'ven-123',
    schedule: [
      { dtstart: t('2026-03-03T08:00:00Z'), duration: 4 * HOUR },
      { dtstart: t('2026-03-04T08:00:00Z'), duration: 90 * MIN },
    ],
    createdDateTime: t('2026-03-01T07:00:00Z'),
    requestId: 'req-opt-1',
    target: { resourceIds: ['pump-1'], venIds: ['ven-123'] },
  },
  oadrCreatedOpt: { type: 'oadrCreatedOpt', response: { responseCode: 200, requestId: 'req-opt-1' }, optId: 'opt-1' },
  oadrCancelReport: { type: 'oadrCancelReport', requestId: 'req-cr', reportRequestIds: ['rr-1', 'rr-2'], reportToFollow: true, venId: 'ven-123' },
  oadrCanceledReport: { type: 'oadrCanceledReport', response: { responseCode: 200, requestId: 'req-cr' }, pendingReports: ['rr-3'], venId: 'ven-123' },
  oadrCreateReport: { type: 'oadrCreateReport', requestId: 'req-create-rep', reportRequests, venId: 'ven-123' },
  oadrCreatedReport: { type: 'oadrCreatedReport', response: { responseCode: 200, requestId: 'req-create-rep' }, pendingReports: [], venId: 'ven-123' },
  oadrRegisterReport: { type: 'oadrRegisterReport', requestId: 'req-reg-rep', reports: [metadataReport], venId: 'ven-123', reportRequestId: '0' },
  oadrRegisteredReport: { type: 'oadrRegisteredReport', response: { responseCode: 200, requestId: 'req-reg-rep' }, reportRequests, venId: 'ven-123' },
  oadrUpdateReport: { type: 'oadrUpdateReport', requestId: 'req-up-1', reports: [usageReport, statusReport], venId: 'ven-123' },
  oadrUpdatedReport: {
    type: 'oadrUpdatedReport',
    response: { responseCode: 200, requestId: 'req-up-1' },
    cancelReport: { type: 'oadrCancelReport', requestId: 'req-cr-2', reportRequestIds: ['rr-1'], reportToFollow: false, venId: 'ven-123' },
    venId: 'ven-123',
  },
  oadrCancelPartyRegistration: { type: 'oadrCancelPartyRegistration', requestId: 'req-cpr', registrationId: 'reg-5', venId: 'ven-123' },
  oadrCanceledPartyRegistration: {
    type: 'oadrCanceledPartyRegistration', response: { responseCode: 200, requestId: 'req-cpr' }, registrationId: 'reg-5', venId: 'ven-123',
  },
  oadrCreatePartyRegistration: {
    type: 'oadrCreatePartyRegistration',
    requestId: 'req-reg-1',
    registrationId: 'reg-5',
    venId: '123',
    profileName: '2.0b',
    transportName: 'simpleHttp',
    transportAddress: 'https://ven.example.com/OpenADR2/Simple/2.0b',
    reportOnly: false,
    xmlSignature: true,
    venName: 'Pump station & co',
    httpPullModel: true,
  },
  oadrCreatedPartyRegistration: {
    type: 'oadrCreatedPartyRegistration',
    response: { responseCode: 200, responseDescription: 'OK', requestId: 'req-reg-1' },
    registrationId: 'reg-5',
    venId: '123',
    vtnId: 'VTN-1',
    profiles: [{ profileName: '2.0a', transports: ['simpleHttp'] }, { profileName: '2.0b', transports: ['simpleHttp', 'xmpp'] }],
    pollFreq: 10_000,
  },
  oadrRequestReregistration: { type: 'oadrRequestReregistration', venId: 'ven-123' },
  oadrQueryRegistration: { type: 'oadrQueryRegistration', requestId: 'req-q-1' },
  oadrPoll: { type: 'oadrPoll', venId: 'ven-123' },
};

export const ALL_SAMPLES: OadrMessage[] = Object.values(SAMPLES);
