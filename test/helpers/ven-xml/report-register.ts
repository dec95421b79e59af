// oadrRegisterReport: the VEN's METADATA reports (what it can report), plus ready-made typical ones.
import type { TimeInput } from './calendar-parts.js';
import { payloadDocument } from './envelope.js';
import type { RenderOptions } from './namespaces.js';
import { reportNode, type ReportDescriptionInput, type ReportInput, type SamplingRateInput } from './report-parts.js';
import { el, leaf, maybe } from './xml-tree.js';

export interface RegisterReportInput {
  requestId: string;
  /** May be empty: a VEN with nothing to offer still registers zero reports. */
  reports: ReportInput[];
  venId?: string;
  /** Sent when answering a VTN's oadrCreateReport for METADATA. */
  reportRequestId?: string;
}

export function oadrRegisterReport(input: RegisterReportInput, opts: RenderOptions = {}): string {
  return payloadDocument(el('oadr', 'oadrRegisterReport', [
    leaf('pyld', 'requestID', input.requestId),
    input.reports.map(reportNode),
    maybe(input.venId, (id) => leaf('ei', 'venID', id)),
    maybe(input.reportRequestId, (id) => leaf('ei', 'reportRequestID', id)),
  ]), opts.style);
}

const DEFAULT_RATE: SamplingRateInput = { minPeriod: 'PT10S', maxPeriod: 'PT15M', onChange: false };

export interface MetadataOptions {
  reportSpecifierId?: string;
  /** rID prefix so several VENs or resources stay distinct. */
  rIdPrefix?: string;
  resourceId?: string;
  samplingRate?: SamplingRateInput;
  createdDateTime?: TimeInput;
}

/** METADATA_TELEMETRY_USAGE offering real power, real energy and voltage, each with a sampling rate. */
export function telemetryUsageMetadata(o: MetadataOptions = {}): ReportInput {
  const p = o.rIdPrefix ?? '';
  const rate = o.samplingRate ?? DEFAULT_RATE;
  const subject = o.resourceId === undefined ? undefined : { resourceIds: [o.resourceId] };
  const point = (rId: string, item: ReportDescriptionInput['item'], readingType: string): ReportDescriptionInput => ({
    rId: p + rId, reportType: 'usage', readingType, item, reportDataSource: subject, samplingRate: rate,
  });
  return {
    duration: 'PT2H',
    descriptions: [
      point('powerReal', { kind: 'powerReal', siScaleCode: 'k', hertz: 50, voltage: 230, ac: true }, 'Direct Read'),
      point('energyReal', { kind: 'energyReal', siScaleCode: 'k' }, 'Direct Read'),
      point('voltage', { kind: 'voltage', siScaleCode: 'none' }, 'Direct Read'),
    ],
    reportRequestId: '0',
    reportSpecifierId: o.reportSpecifierId ?? `${p}TELEMETRY_USAGE`,
    reportName: 'METADATA_TELEMETRY_USAGE',
    createdDateTime: o.createdDateTime,
  };
}

/** METADATA_TELEMETRY_STATUS offering one resource-status data point. */
export function telemetryStatusMetadata(o: MetadataOptions = {}): ReportInput {
  const p = o.rIdPrefix ?? '';
  return {
    duration: 'PT2H',
    descriptions: [{
      rId: `${p}status`, reportType: 'x-resourceStatus', readingType: 'x-notApplicable',
      reportDataSource: o.resourceId === undefined ? undefined : { resourceIds: [o.resourceId] },
      samplingRate: o.samplingRate ?? DEFAULT_RATE,
    }],
    reportRequestId: '0',
    reportSpecifierId: o.reportSpecifierId ?? `${p}TELEMETRY_STATUS`,
    reportName: 'METADATA_TELEMETRY_STATUS',
    createdDateTime: o.createdDateTime,
  };
}
