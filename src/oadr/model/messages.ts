// The 23 oadrSignedObject payloads and the service each belongs to.
import type { DurationMs, EiResponse, OptType, Target } from './common.js';
import type { EventResponse, OadrEvent } from './events.js';
import type { OadrReport, ReportRequest } from './reports.js';
import type { OptScheduleSlot, Profile } from './opt-registration.js';

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
