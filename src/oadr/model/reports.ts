// Reports: METADATA descriptions, data intervals, report requests.
import type { DurationMs, Target } from './common.js';
import type { ItemBase } from './events.js';

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
  /** Unit named by the payload itself (Green Button ReadingType uom, e.g. Wh); oadrReportPayload carries none. */
  unit?: string;
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
