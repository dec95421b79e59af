// The reports a simulated VEN offers: METADATA_TELEMETRY_USAGE (powerReal, energyReal) and METADATA_TELEMETRY_STATUS.
import type { OadrReport, ReportDescription } from '../oadr/model.js';

export const USAGE_SPECIFIER = 'TELEMETRY_USAGE';
export const STATUS_SPECIFIER = 'TELEMETRY_STATUS';
export const RID = { power: 'powerReal', energy: 'energyReal', status: 'status' } as const;

/** rIDs offered per reportSpecifierID: what the VEN can answer a report request for. */
export const OFFERED: ReadonlyMap<string, ReadonlySet<string>> = new Map([
  [USAGE_SPECIFIER, new Set<string>([RID.power, RID.energy])],
  [STATUS_SPECIFIER, new Set<string>([RID.status])],
]);

// Telemetry may be asked for as often as every minPeriod and at least once an hour.
const MAX_PERIOD_MS = 3_600_000;

/** The VEN's first oadrRegisterReport content (reportRequestID 0, requirements §5). */
export function metadataReports(resourceId: string, minPeriodMs: number, now: Date): OadrReport[] {
  const samplingRate = { minPeriod: minPeriodMs, maxPeriod: Math.max(minPeriodMs, MAX_PERIOD_MS), onChange: false };
  const source = { resourceIds: [resourceId] };
  const usage: ReportDescription[] = [
    {
      rId: RID.power, resourceId, reportDataSource: source, reportType: 'usage', readingType: 'Direct Read', samplingRate,
      itemBase: { kind: 'powerReal', description: 'RealPower', units: 'W', siScaleCode: 'k', powerAttributes: { hertz: 50, voltage: 230, ac: true } },
    },
    {
      rId: RID.energy, resourceId, reportDataSource: source, reportType: 'usage', readingType: 'Direct Read', samplingRate,
      itemBase: { kind: 'energyReal', description: 'RealEnergy', units: 'Wh', siScaleCode: 'k' },
    },
  ];
  const status: ReportDescription[] = [
    { rId: RID.status, resourceId, reportDataSource: source, reportType: 'x-resourceStatus', readingType: 'x-notApplicable', samplingRate },
  ];
  return [
    { reportSpecifierId: USAGE_SPECIFIER, reportRequestId: '0', reportName: 'METADATA_TELEMETRY_USAGE', createdDateTime: now, duration: MAX_PERIOD_MS, descriptions: usage, intervals: [] },
    { reportSpecifierId: STATUS_SPECIFIER, reportRequestId: '0', reportName: 'METADATA_TELEMETRY_STATUS', createdDateTime: now, duration: MAX_PERIOD_MS, descriptions: status, intervals: [] },
  ];
}
