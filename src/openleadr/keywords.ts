// Keyword checks: an options object stands in for Python's keyword arguments, so an unknown key is a typo to report.
import { VtnError, type ErrorCode } from '../index.js';

/** Throws `code` naming the first key of `given` that `allowed` does not list. */
export function checkKeywords(given: object, allowed: readonly string[], where: string, code: ErrorCode): void {
  if (typeof given !== 'object' || given === null) {
    throw new VtnError(code, `${where} takes one options object with keyword names, got ${given === null ? 'null' : typeof given}.`, `Keywords: ${allowed.join(', ')}.`);
  }
  const unknown = Object.keys(given).filter((k) => !allowed.includes(k));
  if (unknown.length) {
    throw new VtnError(code, `${where} got an unexpected keyword argument '${unknown[0]}'.`, `Keywords: ${allowed.join(', ')}.`);
  }
}

/** Drops keys whose value is undefined or null (Python's None means "not given"). */
export function given<T extends object>(o: T): { [K in keyof T]?: NonNullable<T[K]> } {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined && v !== null)) as { [K in keyof T]?: NonNullable<T[K]> };
}
