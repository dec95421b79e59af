// onRegisterReport (compact, per offered data point) → report-subscription rules → subscribe or ignore.
import type { CompactDecision, ReportOffer } from '../../vtn/reports/handler-types.js';
import { evaluate } from '../engine/evaluate.js';
import type { ThenSpec } from '../engine/rule-types.js';
import { reportFacts } from '../facts/trigger-facts.js';
import { applyLogDecisions, type ShimDeps } from './shim-deps.js';

export function installReportShim(deps: ShimDeps): void {
  deps.vtn.addHandler('onRegisterReport', async (offer: ReportOffer): Promise<CompactDecision | undefined> => {
    const policy = deps.runtime.policy;
    const ven = (await deps.vtn.getVen(offer.venId)) ?? { venId: offer.venId };
    const ev = await evaluate(policy, 'reportSubscription', reportFacts(offer, ven, policy.catalogue, deps.sources.now()), deps.sources);
    const outcomes = applyLogDecisions(deps, ev, offer.venId);
    const verdict = ev.decisions[0]!;
    const point = `${offer.reportName} rID ${offer.rId}`;
    if (verdict.type !== 'subscribe') {
      outcomes.unshift(`ignored ${point}`);
      await deps.decisions.record(ev, offer.venId, outcomes);
      return undefined;
    }
    const s = verdict.params as NonNullable<ThenSpec['subscribe']>;
    outcomes.unshift(`subscribed to ${point}: sampling ${s.samplingInterval}${s.reportingInterval ? `, reporting ${s.reportingInterval}` : ''}`);
    await deps.decisions.record(ev, offer.venId, outcomes);
    return { samplingInterval: s.samplingInterval, ...(s.reportingInterval ? { reportingInterval: s.reportingInterval } : {}) };
  });
}
