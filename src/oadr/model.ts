// Decoded OpenADR 2.0b payloads as plain typed objects: the contract between the wire codec and the core.
// Times are Date (UTC instants); durations are signed milliseconds; every ID is a string.

/** Milliseconds. OpenADR ISO 8601 durations are converted on decode and re-encoded on emit. */
export type DurationMs = number;

export const OADR_NS = {
  oadr: 'http://openadr.org/oadr-2.0b/2012/07',
  ei: 'http://docs.oasis-open.org/ns/energyinterop/201110',
  pyld: 'http://docs.oasis-open.org/ns/energyinterop/201110/payloads',
  emix: 'http://docs.oasis-open.org/ns/emix/2011/06',
  power: 'http://docs.oasis-open.org/ns/emix/2011/06/power',
  scale: 'http://docs.oasis-open.org/ns/emix/2011/06/siscale',
  xcal: 'urn:ietf:params:xml:ns:icalendar-2.0',
  strm: 'urn:ietf:params:xml:ns:icalendar-2.0:stream',
  ds: 'http://www.w3.org/2000/09/xmldsig#',
  dsp: 'http://openadr.org/oadr-2.0b/2012/07/xmldsig-properties',
  atom: 'http://www.w3.org/2005/Atom',
  gb: 'http://naesb.org/espi',
  xsi: 'http://www.w3.org/2001/XMLSchema-instance',
} as const;

/** The eiResponse block every reply carries. */
export interface EiResponse {
  responseCode: number;
  responseDescription?: string;
  /** Echo of the request's requestID; empty string for messages sent on a poll. */
  requestId: string;
}

/** eiTarget: who an event, opt or report applies to. Every list is optional. */
export interface Target {
  venIds?: string[];
  resourceIds?: string[];
  groupIds?: string[];
  groupNames?: string[];
  partyIds?: string[];
}

export type OptType = 'optIn' | 'optOut';
export type ResponseRequired = 'always' | 'never';
export type EventStatus = 'none' | 'far' | 'near' | 'active' | 'completed' | 'cancelled';

// ---------- events ----------

/** Optional emix item describing the unit of a signal or report (itemBase). */
export interface ItemBase {
  /** Element local name, e.g. powerReal, energyReal, currencyPerKWh, voltage, customUnit. */
  kind: string;
  description: string;
  units: string;
  siScaleCode?: string;
  /** powerReal/powerApparent/powerReactive carry these. */
  powerAttributes?: { hertz: number; voltage: number; ac: boolean };
}

export interface Interval {
  duration: DurationMs;
  /** One payloadFloat value per interval (OpenADR 2.0b B profile). */
  payload: number;
  /** Optional explicit uid; encoder numbers 0,1,2… when absent. */
  uid?: string;
}

export interface EventSignal {
  signalName: string;
  signalType: string;
  signalId: string;
  intervals: Interval[];
  itemBase?: ItemBase;
  /** Overrides the event-level target for this signal. */
  target?: Target;
  /** Filled in at send time (rule 14); ignored on authoring. */
  currentValue?: number;
}

export interface EventBaseline {
  baselineId: string;
  baselineName: string;
  dtstart: Date;
  duration: DurationMs;
  intervals: Interval[];
  itemBase?: ItemBase;
  resourceIds?: string[];
}

export interface ActivePeriod {
  dtstart: Date;
  /** 0 means open-ended. */
  duration: DurationMs;
  /** tolerance/tolerate/startafter: start randomisation window. */
  startAfter?: DurationMs;
  notification?: DurationMs;
  rampUp?: DurationMs;
  recovery?: DurationMs;
}

export interface EventDescriptor {
  eventId: string;
  modificationNumber: number;
  modificationDateTime?: Date;
  modificationReason?: string;
  priority?: number;
  marketContext: string;
  createdDateTime?: Date;
  eventStatus: EventStatus;
  testEvent?: boolean;
  vtnComment?: string;
}

/** One ei:eiEvent with its oadrResponseRequired. */
export interface OadrEvent {
  descriptor: EventDescriptor;
  activePeriod: ActivePeriod;
  signals: EventSignal[];
  baseline?: EventBaseline;
  target: Target;
  responseRequired: ResponseRequired;
}

export interface EventResponse {
  responseCode: number;
  responseDescription?: string;
  requestId: string;
  eventId: string;
  modificationNumber: number;
  optType: OptType;
}

// ---------- reports ----------

export type ReportName =
  | 'METADATA_TELEMETRY_USAGE' | 'TELEMETRY_USAGE'
  | 'METADATA_TELEMETRY_STATUS' | 'TELEMETRY_STATUS'
  | 'METADATA_HISTORY_USAGE' | 'HISTORY_USAGE'
  | 'METADATA_HISTORY_GREENBUTTON' | 'HISTORY_GREENBUTTON'
  | (string & {});

export interface SamplingRate {
  minPeriod: DurationMs;
  maxPeriod: DurationMs;
  onChange: boolean;
}

/** oadrReportDescription: one data point a VEN offers (in METADATA reports). */
export interface ReportDescription {
  rId: string;
  resourceId?: string;
  reportDataSource?: Target;
  reportType: string;
  itemBase?: ItemBase;
  readingType: string;
  marketContext?: string;
  samplingRate?: SamplingRate;
}

/** oadrLoadControlState members, named without the oadr prefix (oadrLevelOffset → levelOffset). */
export type LoadControlKind = 'capacity' | 'levelOffset' | 'percentOffset' | 'setPoint';

export interface ResourceStatus {
  online: boolean;
  manualOverride: boolean;
  loadControlState?: Partial<Record<LoadControlKind, { min?: number; max?: number; current: number; normal?: number }>>;
}

/** One value in a report interval: a float or a resource status. */
export interface ReportPayload {
  rId: string;
  confidence?: number;
  accuracy?: number;
  value: number | ResourceStatus;
  dataQuality?: string;
}

export interface ReportInterval {
  dtstart: Date;
  duration?: DurationMs;
  uid?: string;
  payloads: ReportPayload[];
}

/** oadrReport: either a METADATA registration (descriptions) or data (intervals). */
export interface OadrReport {
  reportId?: string;
  reportSpecifierId: string;
  reportRequestId: string;
  reportName: ReportName;
  createdDateTime: Date;
  dtstart?: Date;
  duration?: DurationMs;
  descriptions: ReportDescription[];
  intervals: ReportInterval[];
}

export interface SpecifierPayload {
  rId: string;
  readingType: string;
  itemBase?: ItemBase;
}

export interface ReportSpecifier {
  reportSpecifierId: string;
  granularity: DurationMs;
  reportBackDuration: DurationMs;
  /** reportInterval: the window to report for (periodic telemetry or a history range). */
  reportInterval?: { dtstart: Date; duration: DurationMs };
  specifierPayloads: SpecifierPayload[];
}

export interface ReportRequest {
  reportRequestId: string;
  reportSpecifier: ReportSpecifier;
}

// ---------- opt ----------

export interface OptScheduleSlot {
  dtstart: Date;
  duration: DurationMs;
}

// ---------- registration ----------

export interface Profile {
  profileName: '2.0a' | '2.0b' | (string & {});
  transports: ('simpleHttp' | 'xmpp' | (string & {}))[];
}

// ---------- the 23 oadrSignedObject payloads ----------

export interface OadrDistributeEvent {
  type: 'oadrDistributeEvent';
  response?: EiResponse;
  requestId: string;
  vtnId: string;
  events: OadrEvent[];
}
export interface OadrCreatedEvent {
  type: 'oadrCreatedEvent';
  response: EiResponse;
  eventResponses: EventResponse[];
  venId: string;
}
export interface OadrRequestEvent {
  type: 'oadrRequestEvent';
  requestId: string;
  venId: string;
  replyLimit?: number;
}
export interface OadrResponse {
  type: 'oadrResponse';
  response: EiResponse;
  venId?: string;
}
export interface OadrCancelOpt {
  type: 'oadrCancelOpt';
  requestId: string;
  optId: string;
  venId: string;
}
export interface OadrCanceledOpt {
  type: 'oadrCanceledOpt';
  response: EiResponse;
  optId?: string;
}
export interface OadrCreateOpt {
  type: 'oadrCreateOpt';
  optId: string;
  optType: OptType;
  optReason: string;
  marketContext?: string;
  venId: string;
  /** vavailability components; absent for an event-scoped opt. */
  schedule?: OptScheduleSlot[];
  createdDateTime: Date;
  requestId: string;
  event?: { eventId: string; modificationNumber: number };
  target: Target;
}
export interface OadrCreatedOpt {
  type: 'oadrCreatedOpt';
  response: EiResponse;
  optId: string;
}
export interface OadrCancelReport {
  type: 'oadrCancelReport';
  requestId: string;
  reportRequestIds: string[];
  reportToFollow: boolean;
  venId?: string;
}
export interface OadrCanceledReport {
  type: 'oadrCanceledReport';
  response: EiResponse;
  pendingReports: string[];
  venId?: string;
}
export interface OadrCreateReport {
  type: 'oadrCreateReport';
  requestId: string;
  reportRequests: ReportRequest[];
  venId?: string;
}
export interface OadrCreatedReport {
  type: 'oadrCreatedReport';
  response: EiResponse;
  pendingReports: string[];
  venId?: string;
}
export interface OadrRegisterReport {
  type: 'oadrRegisterReport';
  requestId: string;
  reports: OadrReport[];
  venId?: string;
  reportRequestId?: string;
}
export interface OadrRegisteredReport {
  type: 'oadrRegisteredReport';
  response: EiResponse;
  reportRequests: ReportRequest[];
  venId?: string;
}
export interface OadrUpdateReport {
  type: 'oadrUpdateReport';
  requestId: string;
  reports: OadrReport[];
  venId?: string;
}
export interface OadrUpdatedReport {
  type: 'oadrUpdatedReport';
  response: EiResponse;
  cancelReport?: OadrCancelReport;
  venId?: string;
}
export interface OadrCancelPartyRegistration {
  type: 'oadrCancelPartyRegistration';
  requestId: string;
  registrationId: string;
  venId?: string;
}
export interface OadrCanceledPartyRegistration {
  type: 'oadrCanceledPartyRegistration';
  response: EiResponse;
  registrationId?: string;
  venId?: string;
}
export interface OadrCreatePartyRegistration {
  type: 'oadrCreatePartyRegistration';
  requestId: string;
  registrationId?: string;
  venId?: string;
  profileName: string;
  transportName: string;
  transportAddress?: string;
  reportOnly: boolean;
  xmlSignature: boolean;
  venName?: string;
  httpPullModel?: boolean;
}
export interface OadrCreatedPartyRegistration {
  type: 'oadrCreatedPartyRegistration';
  response: EiResponse;
  registrationId?: string;
  venId?: string;
  vtnId: string;
  profiles: Profile[];
  pollFreq?: DurationMs;
  /** oadrServiceSpecificInfo is not used by this VTN. */
}
export interface OadrRequestReregistration {
  type: 'oadrRequestReregistration';
  venId: string;
}
export interface OadrQueryRegistration {
  type: 'oadrQueryRegistration';
  requestId: string;
}
export interface OadrPoll {
  type: 'oadrPoll';
  venId: string;
}

export type OadrMessage =
  | OadrDistributeEvent | OadrCreatedEvent | OadrRequestEvent | OadrResponse
  | OadrCancelOpt | OadrCanceledOpt | OadrCreateOpt | OadrCreatedOpt
  | OadrCancelReport | OadrCanceledReport | OadrCreateReport | OadrCreatedReport
  | OadrRegisterReport | OadrRegisteredReport | OadrUpdateReport | OadrUpdatedReport
  | OadrCancelPartyRegistration | OadrCanceledPartyRegistration
  | OadrCreatePartyRegistration | OadrCreatedPartyRegistration
  | OadrRequestReregistration | OadrQueryRegistration | OadrPoll;

export type OadrMessageType = OadrMessage['type'];

export type MessageOf<T extends OadrMessageType> = Extract<OadrMessage, { type: T }>;

/** Which service endpoint each message type belongs to (requirements §1: wrong service → 459). */
export const SERVICE_OF: Record<OadrMessageType, OadrService> = {
  oadrDistributeEvent: 'EiEvent',
  oadrCreatedEvent: 'EiEvent',
  oadrRequestEvent: 'EiEvent',
  oadrResponse: 'any',
  oadrCancelOpt: 'EiOpt',
  oadrCanceledOpt: 'EiOpt',
  oadrCreateOpt: 'EiOpt',
  oadrCreatedOpt: 'EiOpt',
  oadrCancelReport: 'EiReport',
  oadrCanceledReport: 'EiReport',
  oadrCreateReport: 'EiReport',
  oadrCreatedReport: 'EiReport',
  oadrRegisterReport: 'EiReport',
  oadrRegisteredReport: 'EiReport',
  oadrUpdateReport: 'EiReport',
  oadrUpdatedReport: 'EiReport',
  oadrCancelPartyRegistration: 'EiRegisterParty',
  oadrCanceledPartyRegistration: 'EiRegisterParty',
  oadrCreatePartyRegistration: 'EiRegisterParty',
  oadrCreatedPartyRegistration: 'EiRegisterParty',
  oadrRequestReregistration: 'EiRegisterParty',
  oadrQueryRegistration: 'EiRegisterParty',
  oadrPoll: 'OadrPoll',
};

export type OadrService = 'EiRegisterParty' | 'EiEvent' | 'EiReport' | 'EiOpt' | 'OadrPoll' | 'any';

export const OADR_SERVICES = ['EiRegisterParty', 'EiEvent', 'EiReport', 'EiOpt', 'OadrPoll'] as const;
