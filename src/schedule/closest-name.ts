// "Did you mean …?" for names a schedule refers to (templates, groups, calendars).
import { closestMatch } from '../edit-distance.js';

/** Suggestion text naming the closest known name, or listing what exists. */
export function suggestName(kind: string, wanted: string, known: Iterable<string>): string {
  const names = [...known];
  const close = closestMatch(wanted, names);
  if (close) return `did you mean "${close}"?`;
  return names.length ? `known ${kind}s: ${names.slice(0, 10).join(', ')}` : `no ${kind}s are defined yet`;
}
