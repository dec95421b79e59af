// The public report-decision handler types (the OpenLEADR on_register_report surface, typed).
import type { ReportValue } from '../../telemetry/report-value.js';
import type { OfferedReport, ReportOffer } from './offers.js';

export type { ReportValue } from '../../telemetry/report-value.js';
export type { OfferedReport, ReportOffer } from './offers.js';

/** Receives the values of one subscribed data point each time the VEN reports. */
export type ReportCallback = (values: ReportValue[]) => void | Promise<void>;

/** An interval as milliseconds or an ISO 8601 duration such as "PT10S". */
export type IntervalSpec = number | string;

/** "Yes, send me this data point": how often to sample it and, optionally, how often to report back. */
export interface CompactDecision {
  callback?: ReportCallback;
  samplingInterval: IntervalSpec;
  /** Defaults to the granularity (report every sample). */
  reportingInterval?: IntervalSpec;
}

/** The tuple OpenLEADR handlers return: (callback, samplingInterval[, reportingInterval]). */
export type CompactDecisionTuple =
  | readonly [ReportCallback | undefined | null, IntervalSpec]
  | readonly [ReportCallback | undefined | null, IntervalSpec, IntervalSpec | undefined];

/** Compact form: called once per offered data point; undefined/null declines it. */
export type OnRegisterReport = (
  offer: ReportOffer,
) => CompactDecision | CompactDecisionTuple | undefined | null | Promise<CompactDecision | CompactDecisionTuple | undefined | null>;

/** One chosen rID in the full form. */
export interface FullDecision extends CompactDecision {
  rId: string;
}

/** Full form: called once per offered report with all its data points; undefined or [] declines all. */
export type OnRegisterReportFull = (
  report: OfferedReport,
) => FullDecision[] | undefined | null | Promise<FullDecision[] | undefined | null>;

/** A decision after validation: the offer it applies to with intervals in milliseconds. */
export interface ChosenPoint {
  offer: ReportOffer;
  samplingMs: number;
  reportingMs?: number;
  callback?: ReportCallback;
}
