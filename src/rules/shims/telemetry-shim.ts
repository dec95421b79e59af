// onTelemetry → telemetry rules → event actions. Two reports evaluated at once (here or on another instance)
// cannot both create an event: rule events are claimed in the store (rule-event-claims.ts).
import type { ReportValue } from '../../telemetry/report-value.js';
import { evaluate } from '../engine/evaluate.js';
import { telemetryFacts } from '../facts/trigger-facts.js';
import { applyLogDecisions, type ShimDeps } from './shim-deps.js';
import { runEventActions } from './run-event-actions.js';

export function installTelemetryShim(deps: ShimDeps): void {
  deps.vtn.addHandler('onTelemetry', async (values: ReportValue[], info: { venId: string; reportRequestId: string; reportName: string }) => {
    try {
      const policy = deps.runtime.policy;
      if (policy.rules.telemetry.length === 0) return;
      const ven = (await deps.vtn.getVen(info.venId)) ?? { venId: info.venId };
      const ev = await evaluate(policy, 'telemetry', telemetryFacts(values, info, ven, policy.catalogue, deps.sources.now()), deps.sources);
      // Only evaluations where a rule fired are recorded: telemetry arrives too often to keep every "no".
      if (ev.fired.length === 0) return;
      const outcomes = [...applyLogDecisions(deps, ev, info.venId), ...await runEventActions(deps, ev, { venId: info.venId })];
      await deps.decisions.record(ev, info.venId, outcomes);
    } catch (err) {
      deps.log.error({ err, venId: info.venId }, 'telemetry rules failed');
    }
  });
}
