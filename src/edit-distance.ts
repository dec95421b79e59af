// Levenshtein distance, the one measure behind every "did you mean …?" suggestion (handlers, rules, schedules).

/** Insertions, deletions and substitutions needed to turn `a` into `b` (case-sensitive). */
export function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = tmp;
    }
  }
  return row[b.length]!;
}

/**
 * The candidate nearest to a mistyped name (case-insensitive), if it is near enough to be a typo:
 * roughly one edit per four characters, at least two. The one rule behind every suggestion.
 */
export function closestMatch<T extends string>(name: string, candidates: Iterable<T>): T | undefined {
  const lower = name.toLowerCase();
  let best: T | undefined;
  let bestDistance = Math.max(2, Math.floor(name.length / 4)) + 1;
  for (const c of candidates) {
    const d = editDistance(lower, c.toLowerCase());
    if (d < bestDistance) [best, bestDistance] = [c, d];
  }
  return best;
}
