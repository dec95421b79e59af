// onTelemetry → telemetry rules → event actions. Evaluations run one at a time, so two reports arriving
// together cannot both see "no active event" and both create one.
import type { ReportValue } from '../../telemetry/report-value.js';
import { evaluate } from '../engine/evaluate.js';
import { telemetryFacts } from '../facts/trigger-facts.js';
import { applyLogDecisions, type ShimDeps } from './shim-deps.js';
import { runEventActions } from './run-event-actions.js';

export function installTelemetryShim(deps: ShimDeps): void {
  let queue: Promise<void> = Promise.resolve();
  deps.vtn.addHandler('onTelemetry', (values: ReportValue[], info: { venId: string; reportRequestId: string; reportName: string }) => {
    const next = queue.then(async () => {
      const policy = deps.runtime.policy;
      if (policy.rules.telemetry.length === 0) return;
      const ven = deps.vtn.getVen(info.venId) ?? { venId: info.venId };
      const ev = await evaluate(policy, 'telemetry', telemetryFacts(values, info, ven, policy.catalogue, deps.sources.now()), deps.sources);
      // Only evaluations where a rule fired are recorded: telemetry arrives too often to keep every "no".
      if (ev.fired.length === 0) return;
      const outcomes = [...applyLogDecisions(deps, ev, info.venId), ...runEventActions(deps, ev, { venId: info.venId })];
      deps.decisions.record(ev, info.venId, outcomes);
    });
    queue = next.catch((err: unknown) => deps.log.error({ err, venId: info.venId }, 'telemetry rules failed'));
    return queue;
  });
}
