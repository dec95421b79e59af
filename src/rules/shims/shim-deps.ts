// What every handler shim needs: the live policy, the decision log, fact sources, a logger and the Vtn.
import type { Logger } from '../../vtn/context.js';
import type { Vtn } from '../../vtn/vtn.js';
import type { Decision } from '../decisions/resolve-decisions.js';
import type { Evaluation } from '../engine/evaluate.js';
import type { DecisionLog } from '../explain/decision-log.js';
import type { FactSources } from '../facts/fact-sources.js';
import type { PolicyRuntime } from '../reload/policy-runtime.js';

export interface ShimDeps {
  vtn: Vtn;
  runtime: PolicyRuntime;
  decisions: DecisionLog;
  sources: FactSources;
  log: Logger;
}

/** Carries out log decisions and returns their outcome lines; tags need nothing beyond the record. */
export function applyLogDecisions(deps: ShimDeps, ev: Evaluation, subject: string): string[] {
  const out: string[] = [];
  for (const d of ev.decisions.filter((x: Decision) => x.type === 'log')) {
    const spec = d.params as { level?: 'info' | 'warn' | 'error'; message: string };
    deps.log[spec.level ?? 'info']({ rule: d.rule, subject, trigger: ev.trigger }, spec.message);
    out.push(`logged (${spec.level ?? 'info'}): ${spec.message}`);
  }
  return out;
}
