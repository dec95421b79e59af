// One json-rules-engine Engine per trigger, built fresh for every policy version (never mutated once live).
import { Engine } from 'json-rules-engine';
import type { Catalogue } from '../catalogue/catalogue.js';
import { TRIGGERS, type Trigger } from '../facts/fact-catalogue.js';
import { addDynamicFacts } from '../facts/dynamic-facts.js';
import type { LoadedRule } from './rule-types.js';

export type Engines = Record<Trigger, Engine>;

export function buildEngines(rules: Record<Trigger, LoadedRule[]>, catalogue: Catalogue): Engines {
  const engines = {} as Engines;
  for (const trigger of TRIGGERS) {
    // Missing facts are null rather than an error: a rule about a fact that is absent simply does not match.
    const engine = new Engine([], { allowUndefinedFacts: true });
    addDynamicFacts(engine, trigger, catalogue);
    for (const rule of rules[trigger]) {
      if (rule.enabled === false) continue;
      engine.addRule({
        name: rule.name,
        priority: rule.priority ?? 1,
        // The engine only needs the conditions; json-rules-engine mutates them with results, so give it a copy.
        conditions: structuredClone(rule.conditions) as never,
        event: { type: 'rule', params: { rule: rule.name } },
      });
    }
    engines[trigger] = engine;
  }
  return engines;
}
