// Holds the live policy version. A reload swaps one reference, so a handler sees either the old or the new
// policy, never a mix; a failed reload keeps the last good one and remembers why.
import { ReloadTally, type ReloadTallyView } from '../../reload-tally.js';
import type { Trigger } from '../facts/fact-catalogue.js';
import { TRIGGERS } from '../facts/fact-catalogue.js';
import type { Problem } from '../files/problem.js';
import type { CompiledPolicy } from './load-policy.js';

export interface PolicyStatus {
  /** false while the files on disk are invalid (the last good version keeps running). */
  ok: boolean;
  /** Hash of the running version. */
  version: string;
  loadedAt: string;
  files: string[];
  /** Enabled rules per trigger. */
  rules: Record<Trigger, number>;
  warnings: Problem[];
  /** Why the files on disk were not taken (empty when ok). */
  errors: Problem[];
  /** Loads since start by outcome (the install counts as the first success), counted as they happen. */
  reloads: ReloadTallyView;
  lastAttemptAt?: string;
}

export class PolicyRuntime {
  #policy: CompiledPolicy;
  #errors: Problem[] = [];
  #tally: ReloadTally;
  #lastAttemptAt: Date | undefined;

  constructor(policy: CompiledPolicy) {
    this.#policy = policy;
    this.#tally = new ReloadTally(policy.loadedAt);
  }

  get policy(): CompiledPolicy {
    return this.#policy;
  }

  swap(policy: CompiledPolicy, at: Date): void {
    this.#policy = policy;
    this.#errors = [];
    this.#tally.success(at);
    this.#lastAttemptAt = at;
  }

  fail(problems: Problem[], at: Date): void {
    this.#errors = problems.filter((p) => p.severity === 'error');
    this.#tally.failure(at);
    this.#lastAttemptAt = at;
  }

  status(): PolicyStatus {
    const p = this.#policy;
    return {
      ok: this.#errors.length === 0,
      version: p.version,
      loadedAt: p.loadedAt.toISOString(),
      files: [...p.files],
      rules: Object.fromEntries(TRIGGERS.map((t) => [t, p.rules[t].filter((r) => r.enabled !== false).length])) as Record<Trigger, number>,
      warnings: [...p.warnings],
      errors: [...this.#errors],
      reloads: this.#tally.view(),
      ...(this.#lastAttemptAt ? { lastAttemptAt: this.#lastAttemptAt.toISOString() } : {}),
    };
  }
}
