// How simulated VENs answer events: always opt in, always opt out, or opt in with a probability.
import { VtnError } from '../errors.js';
import type { OptType } from '../oadr/model.js';

export interface OptPolicy {
  /** The text it was parsed from, for the summary line. */
  readonly text: string;
  /** One decision per event: the same VEN keeps its answer across modifications. */
  decide(random: () => number): OptType;
}

const POLICY_FORMS = 'always-in, always-out or random:<p> with p between 0 and 1 (e.g. random:0.7)';

/** Parses `always-in`, `always-out` or `random:<p>` (p = probability of opting in). */
export function parseOptPolicy(text: string): OptPolicy {
  const trimmed = text.trim();
  if (trimmed === 'always-in') return { text: trimmed, decide: () => 'optIn' };
  if (trimmed === 'always-out') return { text: trimmed, decide: () => 'optOut' };
  const random = /^random:(.+)$/.exec(trimmed);
  if (random) {
    const p = Number(random[1]);
    if (!Number.isFinite(p) || p < 0 || p > 1 || random[1]!.trim() === '') {
      throw new VtnError('E_SIMULATE', `--opt ${trimmed}: the probability must be a number between 0 and 1`, `use ${POLICY_FORMS}`);
    }
    return { text: trimmed, decide: (rnd) => (rnd() < p ? 'optIn' : 'optOut') };
  }
  throw new VtnError('E_SIMULATE', `--opt "${text}" is not an opt policy`, `use ${POLICY_FORMS}`);
}
