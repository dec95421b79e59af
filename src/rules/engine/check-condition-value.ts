// A condition value of the wrong type for its fact or operator ("600" for a number): the engine compares it
// as given, so `equal "0"` never matches a count and `greaterThan "600"` compares text. vtn check refuses it.
import type { FactSpec } from '../facts/fact-catalogue.js';
import type { JsonPath } from '../files/json-source.js';
import { quotedScalar } from '../files/quoted-scalar.js';
import type { FactCondition } from './rule-types.js';

const NUMERIC_OPERATORS = new Set(['greaterThan', 'greaterThanInclusive', 'lessThan', 'lessThanInclusive']);
const LIST_OPERATORS = new Set(['in', 'notIn']);
const WORDS = { number: 'a number', boolean: 'true or false' } as const;

export interface ValueTypeProblem {
  /** Below the condition's value: [] for the value itself, [i] for an element of an `in` list. */
  at: JsonPath;
  message: string;
  suggestion: string;
}

export function checkConditionValue(spec: FactSpec, c: FactCondition): ValueTypeProblem | undefined {
  // With a path the condition compares a part of the fact's value, whose type the catalogue does not know.
  if (c.path !== undefined) return undefined;
  const kind = spec.kind ?? (NUMERIC_OPERATORS.has(c.operator) ? 'number' : undefined);
  if (!kind) return undefined;
  const values: [unknown, JsonPath][] = LIST_OPERATORS.has(c.operator) && Array.isArray(c.value)
    ? c.value.map((v, i) => [v, [i]])
    : [[c.value, []]];
  for (const [value, at] of values) {
    if (typeof value !== 'string') continue;
    const subject = spec.kind ? `${spec.name} is ${WORDS[kind]}` : `${c.operator} compares numbers`;
    const suggestion = quotedScalar(value, kind)?.suggestion ?? `write ${WORDS[kind]}, or { "fact": … } to compare with another fact`;
    return { at, message: `${subject} but the value is the string ${JSON.stringify(value)}`, suggestion };
  }
  return undefined;
}
