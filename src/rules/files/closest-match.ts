// "Did you mean …?": the candidate nearest to a mistyped name, if it is near enough to be a typo.
import { closestMatch } from '../../edit-distance.js';

export { closestMatch };

export function didYouMean(name: string, candidates: readonly string[]): string | undefined {
  const match = closestMatch(name, candidates);
  return match === undefined ? undefined : `did you mean ${match}?`;
}
