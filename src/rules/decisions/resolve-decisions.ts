// From the fired rules to the decisions taken: single-answer decisions go to the highest-priority rule,
// the others (log, tag, event actions) all apply unless their rule was overruled; the trigger's default fills in
// when nothing decided.
import type { LoadedRule, ThenSpec } from '../engine/rule-types.js';
import type { Trigger } from '../facts/fact-catalogue.js';

export type DecisionType = keyof ThenSpec;

export interface Decision {
  type: DecisionType;
  params: unknown;
  /** The rule that took it, or "(default)". */
  rule: string;
}

export const DEFAULT_RULE = '(default)';

/** Groups of mutually exclusive decisions: the first fired rule with one of them decides. */
const VERDICTS: Partial<Record<Trigger, DecisionType[]>> = {
  registration: ['acceptRegistration', 'rejectRegistration'],
  reportSubscription: ['subscribe', 'ignore'],
  // Opts have no default verdict: without a refuseOpt rule every opt is accepted.
  opt: ['refuseOpt'],
};

/** What happens when no rule decides. */
const DEFAULTS: Partial<Record<Trigger, Decision>> = {
  registration: { type: 'rejectRegistration', params: { code: 463, reason: 'registration refused: no policy rule accepts this VEN' }, rule: DEFAULT_RULE },
  reportSubscription: { type: 'ignore', params: true, rule: DEFAULT_RULE },
};

const SINGLE = new Set<DecisionType>(['setPollFrequency']);

export function resolveDecisions(trigger: Trigger, fired: readonly LoadedRule[]): Decision[] {
  const verdictTypes = VERDICTS[trigger] ?? [];
  const out: Decision[] = [];
  let verdict: Decision | undefined;
  const singles = new Set<DecisionType>();
  for (const rule of fired) {
    // A rule overruled on the verdict by a higher-priority rule contributes nothing (not even its log line).
    if (verdict && Object.keys(rule.then).some((k) => verdictTypes.includes(k as DecisionType))) continue;
    for (const [type, params] of Object.entries(rule.then) as [DecisionType, unknown][]) {
      if (verdictTypes.includes(type)) {
        if (!verdict) verdict = { type, params, rule: rule.name };
        continue;
      }
      if (SINGLE.has(type)) {
        if (singles.has(type)) continue;
        singles.add(type);
      }
      if (type === 'createEvent' && Array.isArray(params)) for (const p of params) out.push({ type, params: p, rule: rule.name });
      else out.push({ type, params, rule: rule.name });
    }
  }
  const chosen = verdict ?? DEFAULTS[trigger];
  return chosen ? [chosen, ...out] : out;
}

/** Decisions in the rule file's `then` shape (repeated kinds become lists), for tests and display. */
export function decisionsAsThen(decisions: readonly Decision[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const d of decisions) {
    if (!(d.type in out)) out[d.type] = d.params;
    else {
      const prev = out[d.type];
      out[d.type] = Array.isArray(prev) && d.type !== 'tag' ? [...prev, d.params] : [prev, d.params];
    }
  }
  return out;
}
