// A number or true/false written in quotes ("600", "true"): JSON keeps it a string, so comparisons never match.

export type ScalarKind = 'number' | 'boolean';

const NUMBER = /^\s*-?\d+(\.\d+)?([eE][+-]?\d+)?\s*$/;

/** When `data` is a string spelling a value of `kind` (a JSON Schema type), what was meant and how to write it. */
export function quotedScalar(data: unknown, kind: string): { expected: string; suggestion: string } | undefined {
  if (typeof data !== 'string') return undefined;
  if ((kind === 'number' || kind === 'integer') && NUMBER.test(data)) {
    return { expected: 'a number', suggestion: `write ${data.trim()} without quotes` };
  }
  if (kind === 'boolean' && (data === 'true' || data === 'false')) {
    return { expected: 'true or false', suggestion: `write ${data} without quotes` };
  }
  return undefined;
}
