// Runs queued items in groups, one call per group: the items queued in the same event-loop turn, and those queued
// while the groups before are in flight, go together (group commit, batched reads). Under load the groups grow by
// themselves — no timer waits for company — and an item alone goes at the end of its turn.

export interface GroupRunnerOptions<I> {
  /** Items per group at most. */
  maxItems: number;
  /** Groups running at once at most (the rest wait in the queue, and so join bigger groups). */
  maxInFlight: number;
  /** An item's size (e.g. its writes) and the most a group takes; a group always takes its first item. */
  weight?: (item: I) => number;
  maxWeight?: number;
  /** What an item writes: an item sharing a key with one already in the group waits for the next group. */
  keys?: (item: I) => readonly string[];
}

interface Queued<I, O> {
  item: I;
  resolve: (out: O) => void;
  reject: (err: unknown) => void;
}

/** `run` answers each item of a group, in order: its result, or an Error that fails that item alone. */
export type RunGroup<I, O> = (items: I[]) => Promise<(O | Error)[]>;

export class GroupRunner<I, O> {
  readonly #run: RunGroup<I, O>;
  readonly #opts: GroupRunnerOptions<I>;
  #queue: Queued<I, O>[] = [];
  #inFlight = 0;
  #scheduled = false;
  /** Groups run so far (tests and sizing). */
  groups = 0;

  constructor(run: RunGroup<I, O>, options: GroupRunnerOptions<I>) {
    this.#run = run;
    this.#opts = options;
  }

  submit(item: I): Promise<O> {
    return new Promise<O>((resolve, reject) => {
      this.#queue.push({ item, resolve, reject });
      this.#schedule();
    });
  }

  // At the end of the turn, so the items of this turn go together.
  #schedule(): void {
    if (this.#scheduled || this.#inFlight >= this.#opts.maxInFlight) return;
    this.#scheduled = true;
    setImmediate(() => {
      this.#scheduled = false;
      this.#drain();
    });
  }

  #drain(): void {
    while (this.#queue.length > 0 && this.#inFlight < this.#opts.maxInFlight) {
      const group = this.#take();
      this.#inFlight++;
      this.groups++;
      // The next group (what queued meanwhile) is sent before this one's items go on: settled at once, their
      // continuations (replies) would run first and the database would wait for them.
      const finish = (settle: () => void) => {
        this.#inFlight--;
        this.#drain();
        setImmediate(settle);
      };
      Promise.resolve().then(() => this.#run(group.map((q) => q.item))).then(
        (outs) => finish(() => group.forEach((q, i) => {
          const out = outs[i];
          if (out instanceof Error) q.reject(out);
          else q.resolve(out as O);
        })),
        (err: unknown) => finish(() => { for (const q of group) q.reject(err); }),
      );
    }
  }

  #take(): Queued<I, O>[] {
    const { maxItems, weight, maxWeight = Infinity, keys } = this.#opts;
    const taken: Queued<I, O>[] = [];
    const left: Queued<I, O>[] = [];
    const held = new Set<string>();
    let total = 0;
    for (const q of this.#queue) {
      const w = weight ? weight(q.item) : 1;
      const mine = keys ? keys(q.item) : [];
      if (taken.length >= maxItems || (taken.length > 0 && total + w > maxWeight) || mine.some((k) => held.has(k))) {
        // Its keys stay held: a later item writing one of them must not overtake it (it would make it lose a race).
        for (const k of mine) held.add(k);
        left.push(q);
        continue;
      }
      for (const k of mine) held.add(k);
      taken.push(q);
      total += w;
    }
    this.#queue = left;
    return taken;
  }
}
