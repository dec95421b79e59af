// Flatten a VEN's METADATA oadrRegisterReport into one offer per data point (rID) for the report decision.
import type { ItemBase, OadrReport, ReportDescription } from '../../oadr/model.js';

/** One data point a VEN offers to report. */
export interface ReportOffer {
  venId: string;
  reportSpecifierId: string;
  /** The METADATA report name as offered, e.g. METADATA_TELEMETRY_USAGE. */
  reportName: string;
  /** e.g. usage, demand, x-resourceStatus. */
  reportType: string;
  rId: string;
  resourceId?: string;
  /** itemBase kind, e.g. powerReal, energyReal, voltage. */
  measurement?: string;
  unit?: string;
  /** siScaleCode, e.g. k, M, none. */
  scale?: string;
  minSamplingMs?: number;
  maxSamplingMs?: number;
  onChange?: boolean;
  readingType: string;
  itemBase?: ItemBase;
}

/** The offers of one report, as the full-form decision handler receives them. */
export interface OfferedReport {
  venId: string;
  reportSpecifierId: string;
  reportName: string;
  offers: ReportOffer[];
}

const METADATA_PREFIX = 'METADATA_';

/** The data report name a METADATA report offers (METADATA_TELEMETRY_USAGE → TELEMETRY_USAGE). */
export function dataReportName(reportName: string): string {
  return reportName.startsWith(METADATA_PREFIX) ? reportName.slice(METADATA_PREFIX.length) : reportName;
}

function offerOf(venId: string, report: OadrReport, d: ReportDescription): ReportOffer {
  // The resource may be named by rID's resourceID or, in some VENs, only in reportDataSource.
  const resourceId = d.resourceId ?? d.reportDataSource?.resourceIds?.[0];
  return {
    venId,
    reportSpecifierId: report.reportSpecifierId,
    reportName: report.reportName,
    reportType: d.reportType,
    rId: d.rId,
    ...(resourceId !== undefined && { resourceId }),
    ...(d.itemBase && {
      measurement: d.itemBase.kind,
      unit: d.itemBase.units,
      ...(d.itemBase.siScaleCode !== undefined && { scale: d.itemBase.siScaleCode }),
      itemBase: d.itemBase,
    }),
    ...(d.samplingRate && {
      minSamplingMs: d.samplingRate.minPeriod,
      maxSamplingMs: d.samplingRate.maxPeriod,
      onChange: d.samplingRate.onChange,
    }),
    readingType: d.readingType,
  };
}

/** Every data point of every report, in document order. Reports without descriptions offer nothing. */
export function flattenOffers(venId: string, reports: readonly OadrReport[]): ReportOffer[] {
  return reports.flatMap((report) => report.descriptions.map((d) => offerOf(venId, report, d)));
}

/** Offers grouped per (report specifier), keeping first-seen order. */
export function groupOffersByReport(offers: readonly ReportOffer[]): OfferedReport[] {
  const groups = new Map<string, OfferedReport>();
  for (const offer of offers) {
    const key = `${offer.venId}\u0000${offer.reportSpecifierId}`;
    let group = groups.get(key);
    if (!group) {
      group = { venId: offer.venId, reportSpecifierId: offer.reportSpecifierId, reportName: offer.reportName, offers: [] };
      groups.set(key, group);
    }
    group.offers.push(offer);
  }
  return [...groups.values()];
}
