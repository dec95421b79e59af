// Public surface of the declarative policy layer.
export { installPolicy, type PolicyHandle, type PolicyOptions } from './reload/install-policy.js';
export type { PolicyStatus } from './reload/policy-runtime.js';
export { loadPolicy, type CompiledPolicy, type PolicyPaths } from './reload/load-policy.js';
export { evaluate, type Evaluation, type RuleTrace, type ConditionTrace } from './engine/evaluate.js';
export type { Decision } from './decisions/resolve-decisions.js';
export { DecisionLog, type DecisionRecord } from './explain/decision-log.js';
export { FACTS, TRIGGERS, type Trigger, type FactSpec } from './facts/fact-catalogue.js';
export { formatProblem, POLICY_PROBLEM_CODES, type Problem } from './files/problem.js';
export * from './templates/index.js';
export { Catalogue, type VenEntry, type Program } from './catalogue/catalogue.js';
