// "Did you mean …?": the candidate nearest to a mistyped name, if it is near enough to be a typo.
import { editDistance } from '../../edit-distance.js';

export function closestMatch(name: string, candidates: readonly string[]): string | undefined {
  const lower = name.toLowerCase();
  // Allow roughly one typo per four characters, at least two.
  const limit = Math.max(2, Math.floor(name.length / 4));
  let best: string | undefined;
  let bestDistance = limit + 1;
  for (const c of candidates) {
    const d = editDistance(lower, c.toLowerCase());
    if (d < bestDistance) [best, bestDistance] = [c, d];
  }
  return best;
}

export function didYouMean(name: string, candidates: readonly string[]): string | undefined {
  const match = closestMatch(name, candidates);
  return match === undefined ? undefined : `did you mean ${match}?`;
}
