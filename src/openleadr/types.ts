// OpenLEADR's shapes in TypeScript: snake_case dicts, positional handlers, tuples as arrays.
import type { OptType, ResourceStatus } from '../index.js';

export type MaybePromise<T> = T | Promise<T>;

/** timedelta: milliseconds or an ISO 8601 duration such as "PT10M". */
export type Duration = number | string;

/** datetime: a Date or an ISO 8601 date-time with Z or an offset. */
export type DateTime = Date | string;

/** asyncio's Future in JavaScript: anything with resolve(), e.g. utils.create_future() or Promise.withResolvers(). */
export interface Deferred<T> {
  resolve(value: T): void;
}

/** Called with (ven_id, event_id, opt_type) when the VEN answers an event, or a deferred resolved with opt_type. */
export type EventCallback = ((ven_id: string, event_id: string, opt_type: OptType) => unknown) | Deferred<OptType>;

export interface TargetDict {
  ven_id?: string | null;
  resource_id?: string | null;
  group_id?: string | null;
  group_name?: string | null;
  party_id?: string | null;
}

export interface TargetsByType {
  ven_id?: string[];
  resource_id?: string[];
  group_id?: string[];
  group_name?: string[];
  party_id?: string[];
}

export interface IntervalDict {
  dtstart?: DateTime;
  duration?: Duration;
  signal_payload: number;
  uid?: number | string | null;
}

export interface MeasurementDict {
  name: string;
  description: string;
  unit: string;
  scale?: string | null;
}

export interface EventDescriptorDict {
  event_id: string;
  modification_number?: number;
  market_context?: string;
  event_status?: string;
  created_date_time?: DateTime | null;
  modification_date_time?: DateTime | null;
  priority?: number;
  test_event?: boolean;
  vtn_comment?: string | null;
}

export interface EventSignalDict {
  intervals: IntervalDict[];
  signal_name: string;
  signal_type: string;
  signal_id?: string;
  targets?: TargetDict[] | null;
  targets_by_type?: TargetsByType | null;
  measurement?: MeasurementDict | null;
}

export interface ActivePeriodDict {
  dtstart: DateTime;
  duration: Duration;
  notification_period?: Duration | null;
  ramp_up_period?: Duration | null;
  recovery_period?: Duration | null;
  /** OpenLEADR's tolerance: `{ tolerate: { startafter } }`. */
  tolerance?: { tolerate?: { startafter?: Duration } } | null;
}

export interface EventDict {
  event_descriptor: EventDescriptorDict;
  event_signals: EventSignalDict[];
  targets?: TargetDict[] | null;
  targets_by_type?: TargetsByType | null;
  active_period?: ActivePeriodDict | null;
  response_required?: 'always' | 'never';
}

/** server.add_event's keyword arguments. */
export interface AddEventKeywords {
  ven_id: string;
  signal_name: string;
  signal_type: string;
  intervals: IntervalDict[];
  callback?: EventCallback | null;
  event_id?: string | null;
  target?: TargetDict | TargetDict[] | null;
  targets?: TargetDict[] | null;
  targets_by_type?: TargetsByType | null;
  response_required?: 'always' | 'never';
  market_context?: string;
  notification_period?: Duration | null;
  ramp_up_period?: Duration | null;
  recovery_period?: Duration | null;
}

/** server.add_raw_event's keyword arguments. */
export interface AddRawEventKeywords {
  ven_id: string;
  event: EventDict;
  callback?: EventCallback | null;
}

/** The registration_info dict on_create_party_registration receives. */
export interface RegistrationInfoDict {
  ven_name?: string;
  ven_id?: string;
  registration_id?: string;
  profile_name: string;
  transport_name: string;
  transport_address?: string;
  http_pull_model: boolean;
  xml_signature: boolean;
  report_only: boolean;
  /** The VEN's client-certificate fingerprint, when it connected over mutual TLS. */
  fingerprint?: string;
  request_id: string;
}

/** What ven_lookup returns for a known VEN; {} (or null) for an unknown one. */
export interface VenInfoDict {
  ven_id?: string;
  ven_name?: string;
  fingerprint?: string;
  registration_id?: string;
}

/** A status report value: the resource status with snake_case keys. */
export interface StatusValue {
  online: boolean;
  manual_override: boolean;
  load_control_state?: ResourceStatus['loadControlState'];
}

/** Report data as the guide iterates it: `for (const [time, value] of data)`. */
export type ReportData = Array<[time: Date, value: number | StatusValue]>;
export type ReportCallback = (data: ReportData) => unknown;

/** Compact on_register_report: one call per offered data point. */
export type CompactReportHandler = (
  ven_id: string, resource_id: string | null, measurement: string | null, unit: string | null, scale: string | null,
  min_sampling_interval: number | null, max_sampling_interval: number | null,
) => MaybePromise<readonly [ReportCallback | null, Duration] | readonly [ReportCallback | null, Duration, Duration] | null | undefined>;

export interface ReportDescriptionDict {
  r_id: string;
  report_type: string;
  reading_type: string;
  report_data_source?: { resource_id: string };
  sampling_rate?: { min_period: number | null; max_period: number | null; on_change: boolean };
  measurement?: MeasurementDict;
}

/** The METADATA report the full-form on_register_report receives. */
export interface ReportDict {
  ven_id: string;
  report_specifier_id: string;
  report_name: string;
  report_descriptions: ReportDescriptionDict[];
}

export type FullReportRequest = readonly [r_id: string, callback: ReportCallback | null, sampling_interval: Duration, reporting_interval?: Duration];

/** Full on_register_report (declares one parameter, `report`): returns the r_ids wanted, as tuples. */
export type FullReportHandler = (report: ReportDict) => MaybePromise<readonly FullReportRequest[] | null | undefined>;

/** What on_poll may return: nothing, [message_type, message_payload], an event, or a list of events. */
export type PollResult = null | undefined | readonly [string, Record<string, unknown>?] | EventDict | EventDict[];

export interface OpenLeadrHandlers {
  on_create_party_registration: (registration_info: RegistrationInfoDict) => MaybePromise<readonly [string, string] | false | null | undefined>;
  on_register_report: CompactReportHandler | FullReportHandler;
  on_created_event: (ven_id: string, event_id: string, opt_status: OptType) => unknown;
  on_cancel_party_registration: (payload: { ven_id: string; registration_id: string }) => unknown;
  on_poll: (ven_id: string) => MaybePromise<PollResult>;
  ven_lookup: (ven_id: string) => MaybePromise<VenInfoDict | null | undefined>;
}

export type OpenLeadrHandlerName = keyof OpenLeadrHandlers;
