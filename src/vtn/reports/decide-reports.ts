// Run the report-decision handler over a VEN's offers and validate what it returns.
import { VtnError } from '../../errors.js';
import type {
  ChosenPoint, CompactDecision, CompactDecisionTuple, OnRegisterReport, OnRegisterReportFull,
} from './handler-types.js';
import { toIntervalMs } from './interval-ms.js';
import { groupOffersByReport, type ReportOffer } from './offers.js';

function isTuple(d: CompactDecision | CompactDecisionTuple): d is CompactDecisionTuple {
  return Array.isArray(d);
}

function wrongShape(offer: ReportOffer, detail: string): VtnError {
  return new VtnError(
    'E_HANDLER_RESULT',
    `report decision for VEN ${offer.venId} rID ${offer.rId}: ${detail}`,
    'return { samplingInterval, reportingInterval?, callback? }, [callback, samplingInterval, reportingInterval?] or undefined',
  );
}

/** Normalise one decision (object or OpenLEADR tuple) for one offer; undefined/null means declined. */
export function normalizeDecision(
  offer: ReportOffer,
  decision: CompactDecision | CompactDecisionTuple | undefined | null,
): ChosenPoint | undefined {
  if (decision === undefined || decision === null) return undefined;
  if (typeof decision !== 'object') throw wrongShape(offer, `got ${typeof decision}`);
  const [callback, sampling, reporting] = isTuple(decision)
    ? [decision[0] ?? undefined, decision[1], decision[2]]
    : [decision.callback, decision.samplingInterval, decision.reportingInterval];
  if (callback !== undefined && typeof callback !== 'function') throw wrongShape(offer, 'callback is not a function');
  if (sampling === undefined || sampling === null) throw wrongShape(offer, 'samplingInterval is missing');
  const where = `report decision for VEN ${offer.venId} rID ${offer.rId}:`;
  const samplingMs = toIntervalMs(sampling, `${where} samplingInterval`);
  const reportingMs = reporting === undefined || reporting === null ? undefined : toIntervalMs(reporting, `${where} reportingInterval`);
  return {
    offer,
    samplingMs,
    ...(reportingMs !== undefined && { reportingMs }),
    ...(callback !== undefined && { callback }),
  };
}

/** Compact form: ask the handler about each offer in turn. */
export async function decideCompact(offers: readonly ReportOffer[], handler: OnRegisterReport): Promise<ChosenPoint[]> {
  const chosen: ChosenPoint[] = [];
  for (const offer of offers) {
    const point = normalizeDecision(offer, await handler(offer));
    if (point) chosen.push(point);
  }
  return chosen;
}

/** Full form: ask the handler once per report; every returned rID must be one the report offered. */
export async function decideFull(offers: readonly ReportOffer[], handler: OnRegisterReportFull): Promise<ChosenPoint[]> {
  const chosen: ChosenPoint[] = [];
  for (const report of groupOffersByReport(offers)) {
    const decisions = await handler(report);
    if (decisions === undefined || decisions === null) continue;
    const first = report.offers[0];
    if (!Array.isArray(decisions) && first) throw wrongShape(first, 'the full-form handler must return an array');
    const seen = new Set<string>();
    for (const decision of decisions) {
      const offer = report.offers.find((o) => o.rId === decision?.rId);
      if (!offer) {
        throw new VtnError('E_HANDLER_RESULT',
          `report decision for VEN ${report.venId} report ${report.reportSpecifierId}: rID ${JSON.stringify(decision?.rId)} was not offered`,
          `offered rIDs: ${report.offers.map((o) => o.rId).join(', ')}`);
      }
      if (seen.has(offer.rId)) throw wrongShape(offer, 'rID chosen twice');
      seen.add(offer.rId);
      const point = normalizeDecision(offer, decision);
      if (point) chosen.push(point);
    }
  }
  return chosen;
}
