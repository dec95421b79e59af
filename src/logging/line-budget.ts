// A per-minute budget of log lines, so a flood of hostile messages costs a few lines and a count.

export class LineBudget {
  readonly #perMinute: number;
  readonly #now: () => number;
  #windowStart = Number.NEGATIVE_INFINITY;
  #used = 0;
  #suppressed = 0;

  constructor(perMinute: number, now: () => number = Date.now) {
    this.#perMinute = perMinute;
    this.#now = now;
  }

  /** undefined: stay silent (counted); otherwise write the line, noting how many were suppressed before it. */
  take(): { suppressed: number } | undefined {
    const t = this.#now();
    if (t - this.#windowStart >= 60_000) {
      this.#windowStart = t;
      this.#used = 0;
    }
    if (this.#used >= this.#perMinute) {
      this.#suppressed += 1;
      return undefined;
    }
    this.#used += 1;
    const suppressed = this.#suppressed;
    this.#suppressed = 0;
    return { suppressed };
  }

  /** Lines held back since the last one written. */
  get pending(): number {
    return this.#suppressed;
  }
}
