// "Did you mean …?" for names a schedule refers to (templates, groups, calendars).
import { editDistance } from '../edit-distance.js';

/** The known name closest to `wanted` by edit distance, when it is close enough to be a likely typo. */
export function closestName(wanted: string, known: Iterable<string>): string | undefined {
  let best: string | undefined;
  let bestDistance = Math.max(2, Math.floor(wanted.length / 3)) + 1;
  for (const name of known) {
    const d = editDistance(wanted.toLowerCase(), name.toLowerCase());
    if (d < bestDistance) [best, bestDistance] = [name, d];
  }
  return best;
}

/** Suggestion text naming the closest known name, or listing what exists. */
export function suggestName(kind: string, wanted: string, known: Iterable<string>): string {
  const names = [...known];
  const close = closestName(wanted, names);
  if (close) return `did you mean "${close}"?`;
  return names.length ? `known ${kind}s: ${names.slice(0, 10).join(', ')}` : `no ${kind}s are defined yet`;
}
