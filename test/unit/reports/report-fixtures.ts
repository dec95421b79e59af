// Builders for decoded METADATA and data reports as the wire codec would hand them to the core.
import type { OadrReport, ReportDescription, ReportInterval } from '../../../src/oadr/model.js';
import type { ReportOffer } from '../../../src/vtn/reports/offers.js';

export const T0 = new Date('2024-05-01T12:00:00Z');

export function powerDescription(rId: string, resourceId: string, minS = 10, maxS = 60): ReportDescription {
  return {
    rId,
    resourceId,
    reportType: 'usage',
    readingType: 'Direct Read',
    itemBase: { kind: 'powerReal', description: 'RealPower', units: 'W', siScaleCode: 'k', powerAttributes: { hertz: 50, voltage: 230, ac: true } },
    samplingRate: { minPeriod: minS * 1000, maxPeriod: maxS * 1000, onChange: false },
  };
}

export function statusDescription(rId: string, resourceId: string): ReportDescription {
  return {
    rId,
    reportDataSource: { resourceIds: [resourceId] },
    reportType: 'x-resourceStatus',
    readingType: 'x-notApplicable',
    samplingRate: { minPeriod: 5_000, maxPeriod: 5_000, onChange: true },
  };
}

export function metadataReport(reportSpecifierId: string, reportName: string, descriptions: ReportDescription[]): OadrReport {
  return { reportSpecifierId, reportRequestId: '0', reportName, createdDateTime: T0, descriptions, intervals: [] };
}

export function dataReport(reportRequestId: string, reportName: string, intervals: ReportInterval[]): OadrReport {
  return { reportSpecifierId: 'spec', reportRequestId, reportName, createdDateTime: T0, descriptions: [], intervals };
}

export function offer(rId: string, extra: Partial<ReportOffer> = {}): ReportOffer {
  return {
    venId: 'VEN-1', reportSpecifierId: 'spec-usage', reportName: 'METADATA_TELEMETRY_USAGE', reportType: 'usage',
    rId, resourceId: `res-${rId}`, measurement: 'powerReal', unit: 'W', scale: 'k',
    minSamplingMs: 10_000, maxSamplingMs: 60_000, onChange: false, readingType: 'Direct Read', ...extra,
  };
}

/** A newId that yields the given ids in order, then fails loudly. */
export function idsFrom(...ids: string[]): () => string {
  let i = 0;
  return () => {
    const id = ids[i];
    i += 1;
    if (id === undefined) throw new Error('test id source exhausted');
    return id;
  };
}
