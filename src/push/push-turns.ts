// Push work yields to the requests the VTN serves: push steps start only after an event-loop turn's I/O (polls,
// acknowledgements) was handled, a few per turn, fewer when turns grow long — a fan-out never holds polls back long.
export interface TurnLimits {
  /** Turns longer than this (ms, I/O plus push steps) halve the steps let through per turn. */
  targetMs: number;
  /** Steps let through per turn at most (one more each turn that stayed short). */
  maxPerTurn: number;
}

export const DEFAULT_TURN_LIMITS: TurnLimits = { targetMs: 8, maxPerTurn: 32 };

export class PushTurns {
  readonly #limits: TurnLimits;
  readonly #waiting: (() => void)[] = [];
  #perTurn = 1;
  #scheduled = false;
  /** When the last turn let steps through while more were waiting: the time to the next turn is what they cost. */
  #busySince: number | undefined;

  constructor(limits: TurnLimits = DEFAULT_TURN_LIMITS) {
    this.#limits = limits;
  }

  /** Steps let through per turn now (for tests and metrics). */
  get perTurn(): number {
    return this.#perTurn;
  }

  get waiting(): number {
    return this.#waiting.length;
  }

  /** Resolves in a coming turn, after that turn's I/O. */
  next(): Promise<void> {
    return new Promise<void>((resolve) => {
      this.#waiting.push(resolve);
      this.#schedule();
    });
  }

  /** Lets every waiting step go (the pusher is stopping: each sees that and ends). */
  releaseAll(): void {
    for (const resolve of this.#waiting.splice(0)) resolve();
  }

  #schedule(): void {
    if (this.#scheduled) return;
    this.#scheduled = true;
    setImmediate(this.#turn);
  }

  readonly #turn = (): void => {
    this.#scheduled = false;
    const now = performance.now();
    if (this.#busySince !== undefined) {
      // Additive increase, multiplicative decrease: the turn length settles near the target whatever a step costs.
      const long = now - this.#busySince > this.#limits.targetMs;
      this.#perTurn = long ? Math.max(1, this.#perTurn >> 1) : Math.min(this.#limits.maxPerTurn, this.#perTurn + 1);
    }
    for (const resolve of this.#waiting.splice(0, this.#perTurn)) resolve();
    this.#busySince = this.#waiting.length > 0 ? now : undefined;
    if (this.#waiting.length > 0) this.#schedule();
  };
}
