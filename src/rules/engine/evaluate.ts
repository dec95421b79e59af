// Runs one trigger's engine over the facts and returns the fired rules, the per-condition trace and the decisions.
import type { RuleResult } from 'json-rules-engine';
import type { Trigger } from '../facts/fact-catalogue.js';
import { SOURCES_FACT } from '../facts/dynamic-facts.js';
import type { FactSources } from '../facts/fact-sources.js';
import type { Facts } from '../facts/trigger-facts.js';
import type { CompiledPolicy } from '../reload/load-policy.js';
import { resolveDecisions, type Decision } from '../decisions/resolve-decisions.js';
import type { LoadedRule } from './rule-types.js';

export interface ConditionTrace {
  /** Where in the rule: all[0], any[1].not … */
  at: string;
  fact: string;
  params?: Record<string, unknown>;
  path?: string;
  operator: string;
  value: unknown;
  /** The fact's value (after path); undefined when the condition was not evaluated. */
  factValue?: unknown;
  result?: boolean;
}

export interface RuleTrace {
  rule: string;
  file: string;
  priority: number;
  fired: boolean;
  conditions: ConditionTrace[];
}

export interface Evaluation {
  trigger: Trigger;
  policyVersion: string;
  at: string;
  facts: Facts;
  /** Names of the fired rules, highest priority first. */
  fired: string[];
  trace: RuleTrace[];
  decisions: Decision[];
}

type ResultNode = Record<string, unknown>;

function flatten(node: ResultNode, at: string, out: ConditionTrace[]): void {
  for (const k of ['all', 'any'] as const) {
    const list = node[k];
    if (Array.isArray(list)) list.forEach((child, i) => flatten(child as ResultNode, `${at}${at ? '.' : ''}${k}[${i}]`, out));
  }
  if (node.not && typeof node.not === 'object') flatten(node.not as ResultNode, `${at}${at ? '.' : ''}not`, out);
  if (typeof node.fact === 'string') {
    out.push({
      at, fact: node.fact, operator: String(node.operator), value: node.value,
      ...(node.params ? { params: node.params as Record<string, unknown> } : {}),
      ...(typeof node.path === 'string' ? { path: node.path } : {}),
      ...('factResult' in node ? { factValue: node.factResult } : {}),
      ...(typeof node.result === 'boolean' ? { result: node.result } : {}),
    });
  }
}

function traceOf(result: RuleResult, rule: LoadedRule): RuleTrace {
  const conditions: ConditionTrace[] = [];
  flatten(result.conditions as unknown as ResultNode, '', conditions);
  return { rule: rule.name, file: rule.file, priority: rule.priority ?? 1, fired: result.result === true, conditions };
}

/** Facts worth keeping in a record: the given ones plus every fact value a condition read. */
function usedFacts(facts: Facts, trace: RuleTrace[]): Facts {
  const out: Facts = {};
  for (const [k, v] of Object.entries(facts)) if (k !== SOURCES_FACT) out[k] = v;
  for (const t of trace) {
    for (const c of t.conditions) {
      if (c.factValue === undefined || c.path) continue;
      const key = c.params ? `${c.fact}(${JSON.stringify(c.params)})` : c.fact;
      if (!(key in out)) out[key] = c.factValue;
    }
  }
  return out;
}

export async function evaluate(policy: CompiledPolicy, trigger: Trigger, facts: Facts, sources: FactSources): Promise<Evaluation> {
  const byName = new Map(policy.rules[trigger].map((r) => [r.name, r]));
  const run = await policy.engines[trigger].run({ ...facts, [SOURCES_FACT]: sources });
  const traces = [...run.results, ...run.failureResults]
    .map((r) => ({ r, rule: byName.get(r.name) }))
    .filter((x): x is { r: RuleResult; rule: LoadedRule } => x.rule !== undefined)
    // Highest priority first; ties go to the rule that comes first in the files.
    .sort((a, b) => (b.rule.priority ?? 1) - (a.rule.priority ?? 1) || a.rule.order - b.rule.order);
  const trace = traces.map(({ r, rule }) => traceOf(r, rule));
  const firedRules = traces.filter(({ r }) => r.result === true).map(({ rule }) => rule);
  return {
    trigger,
    policyVersion: policy.version,
    at: sources.now().toISOString(),
    facts: usedFacts(facts, trace),
    fired: firedRules.map((r) => r.name),
    trace,
    decisions: resolveDecisions(trigger, firedRules),
  };
}
