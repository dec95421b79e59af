// on_register_report in both of OpenLEADR's forms, and report callbacks that receive [time, value] pairs.
import { VtnError, type FullDecision, type OnRegisterReportFull, type ReportOffer, type ReportValue, type ResourceStatus } from '../index.js';
import type {
  CompactReportHandler, Duration, FullReportHandler, ReportCallback, ReportData, ReportDict, StatusValue,
} from './types.js';

type OfferedReport = Parameters<OnRegisterReportFull>[0];

// OpenLEADR asks about telemetry reports only; history and other reports are not requested.
const ASKED = new Set(['METADATA_TELEMETRY_USAGE', 'METADATA_TELEMETRY_STATUS']);
const isStatus = (o: { reportName: string }) => o.reportName === 'METADATA_TELEMETRY_STATUS';

const statusValue = (s: ResourceStatus): StatusValue => ({
  online: s.online, manual_override: s.manualOverride, ...(s.loadControlState ? { load_control_state: s.loadControlState } : {}),
});

/** The guide's callback iterates `for (time, value) in data`: hand it pairs. */
export function pairsCallback(callback: ReportCallback): (values: ReportValue[]) => Promise<void> {
  return async (values) => {
    const data: ReportData = values.map((v) => [v.time, typeof v.value === 'number' ? v.value : statusValue(v.value)]);
    await callback(data);
  };
}

function shapeError(what: string, got: unknown, hint: string): VtnError {
  return new VtnError('E_HANDLER_RESULT', `on_register_report ${what} returned ${describe(got)}.`, hint);
}
const describe = (v: unknown) => (typeof v === 'function' ? 'a function' : JSON.stringify(v) ?? String(v));

function decision(rId: string, callback: unknown, sampling: unknown, reporting: unknown, what: string, got: unknown): FullDecision {
  if (callback !== null && callback !== undefined && typeof callback !== 'function') {
    throw shapeError(what, got, 'The callback (first item) must be a function, or null.');
  }
  if (typeof sampling !== 'number' && typeof sampling !== 'string') throw shapeError(what, got, 'The sampling interval must be milliseconds or an ISO 8601 duration.');
  return {
    rId,
    samplingInterval: sampling,
    ...(reporting !== undefined && reporting !== null ? { reportingInterval: reporting as Duration } : {}),
    ...(typeof callback === 'function' ? { callback: pairsCallback(callback as ReportCallback) } : {}),
  };
}

async function askCompact(fn: CompactReportHandler, o: ReportOffer): Promise<FullDecision | undefined> {
  const status = isStatus(o);
  const result = await fn(
    o.venId, o.resourceId ?? null, status ? 'Status' : (o.itemBase?.description ?? o.measurement ?? null),
    status ? null : (o.unit ?? null), status ? null : (o.scale ?? null), o.minSamplingMs ?? null, o.maxSamplingMs ?? null,
  );
  if (result === null || result === undefined) return undefined;
  const what = `for rID ${o.rId}`;
  if (!Array.isArray(result) || result.length < 2 || result.length > 3) {
    throw shapeError(what, result, 'Return [callback, sampling_interval] or [callback, sampling_interval, reporting_interval], or null.');
  }
  return decision(o.rId, result[0], result[1], result[2], what, result);
}

export function reportDict(report: OfferedReport): ReportDict {
  return {
    ven_id: report.venId,
    report_specifier_id: report.reportSpecifierId,
    report_name: report.reportName,
    report_descriptions: report.offers.map((o) => ({
      r_id: o.rId,
      report_type: o.reportType,
      reading_type: o.readingType,
      ...(o.resourceId !== undefined ? { report_data_source: { resource_id: o.resourceId } } : {}),
      sampling_rate: { min_period: o.minSamplingMs ?? null, max_period: o.maxSamplingMs ?? null, on_change: o.onChange ?? false },
      ...(o.itemBase ? { measurement: { name: o.itemBase.kind, description: o.itemBase.description, unit: o.itemBase.units, scale: o.itemBase.siScaleCode ?? null } } : {}),
    })),
  };
}

async function askFull(fn: FullReportHandler, report: OfferedReport): Promise<FullDecision[]> {
  const result = await fn(reportDict(report));
  if (result === null || result === undefined) return [];
  const what = `for report ${report.reportSpecifierId}`;
  if (!Array.isArray(result)) throw shapeError(what, result, 'Return a list of [r_id, callback, sampling_interval, reporting_interval?], or null.');
  return result.map((r: unknown) => {
    if (!Array.isArray(r) || r.length < 3 || typeof r[0] !== 'string') {
      throw shapeError(what, r, 'Each item is [r_id, callback, sampling_interval] or [r_id, callback, sampling_interval, reporting_interval].');
    }
    return decision(r[0], r[1], r[2], r[3], what, r);
  });
}

/**
 * One typed full-form handler for both of OpenLEADR's forms. As OpenLEADR decides by the signature, a handler
 * declaring one parameter (`report`) is the full form; the seven-parameter one is asked per data point.
 */
export function registerReport(fn: CompactReportHandler | FullReportHandler): OnRegisterReportFull {
  const full = fn.length === 1;
  return async (report) => {
    if (!ASKED.has(report.reportName)) return [];
    if (full) return askFull(fn as FullReportHandler, report);
    const chosen: FullDecision[] = [];
    for (const offer of report.offers) {
      const d = await askCompact(fn as CompactReportHandler, offer);
      if (d) chosen.push(d);
    }
    return chosen;
  };
}
