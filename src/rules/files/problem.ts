// A problem found in a policy file, reported as `file:line:column  CODE  message (suggestion)`.

export type Severity = 'error' | 'warning';

export interface Problem {
  file: string;
  /** 1-based. */
  line: number;
  /** 1-based. */
  column: number;
  code: PolicyProblemCode;
  severity: Severity;
  message: string;
  /** e.g. "did you mean greaterThan?" */
  suggestion?: string;
}

/** Stable problem codes: what each one means, for the README and `vtn check`. */
export const POLICY_PROBLEM_CODES = {
  P_FILE: 'A file cannot be read, or a required folder is missing.',
  P_JSON: 'The file is not valid JSON (the position points at the first syntax error).',
  P_SCHEMA: 'A value breaks the file kind\'s JSON Schema (wrong type, missing field, value out of range).',
  P_UNKNOWN_FIELD: 'A field the schema does not know (often a typo).',
  P_UNKNOWN_VALUE: 'A value outside the allowed list (an unknown operator, trigger or level).',
  P_UNKNOWN_FACT: 'A condition reads a fact this trigger does not provide.',
  P_FACT_PARAMS: 'A parameterised fact is missing a parameter or has one it does not take.',
  P_UNKNOWN_TEMPLATE: 'A decision names an event template that config/templates.json does not define.',
  P_UNKNOWN_GROUP: 'A target group no VEN in the catalogue belongs to.',
  P_DECISION: 'A decision does not fit the rule file\'s trigger, or two rules share a name.',
  P_SIMPLE_PAYLOAD: 'A SIMPLE signal payload outside 0–3.',
  P_INTERVAL_SUM: 'Interval durations do not add up to the event duration.',
  P_TEMPLATE: 'An event template the VTN would refuse (signal name/type, targets, times).',
  P_EVENT_OVERLAP: 'Two templated events of one rule overlap in time in the same market context.',
  P_DUPLICATE_VEN: 'Two catalogue entries share a venName or venId.',
  P_DUPLICATE_FINGERPRINT: 'Two catalogue entries share a certificate fingerprint.',
  P_DURATION: 'Not an ISO 8601 duration (the suggestion writes words such as "15 minutes" as PT15M).',
  P_VALUE_TYPE: 'A number or true/false written as a string ("600", "true"), or a string where the fact gives a number.',
} as const;

export type PolicyProblemCode = keyof typeof POLICY_PROBLEM_CODES;

/** A problem from another layer (schedules) printed the same way: its code is that layer's. */
export type AnyProblem = Omit<Problem, 'code'> & { code: string };

export function formatProblem(p: AnyProblem): string {
  const hint = p.suggestion ? ` (${p.suggestion})` : '';
  const level = p.severity === 'warning' ? 'warning ' : '';
  return `${p.file}:${p.line}:${p.column}  ${p.code}  ${level}${p.message}${hint}`;
}

export const hasErrors = (problems: readonly Problem[]): boolean => problems.some((p) => p.severity === 'error');
