// Group commit: appends that arrive while a write is in flight wait and go out together in the next one, so
// many small messages cost few round trips and each caller still resolves only once its own values are stored.

interface Waiting<T> {
  items: readonly T[];
  resolve: () => void;
  reject: (err: unknown) => void;
}

export interface GroupCommitOptions<T> {
  /** Writes one batch atomically: all of it is stored or none. */
  write: (items: T[]) => Promise<void>;
  /** A batch takes whole calls up to about this many items (one larger call still goes out alone). */
  maxItems: number;
}

export class GroupCommit<T> {
  readonly #opts: GroupCommitOptions<T>;
  #queue: Waiting<T>[] = [];
  #draining: Promise<void> | undefined;

  constructor(opts: GroupCommitOptions<T>) {
    this.#opts = opts;
  }

  /** Resolves when `items` are written; rejects with the write's error (only this call's, see #writeGroup). */
  add(items: readonly T[]): Promise<void> {
    return new Promise((resolve, reject) => {
      this.#queue.push({ items, resolve, reject });
      this.#draining ??= this.#drain();
    });
  }

  /** Resolves once everything added so far is written or failed. */
  async idle(): Promise<void> {
    while (this.#draining) await this.#draining;
  }

  /** Clears #draining in the same tick it sees the queue empty, so an add() right after starts a new drain. */
  async #drain(): Promise<void> {
    try {
      while (this.#queue.length > 0) await this.#writeGroup(this.#take());
    } finally {
      this.#draining = undefined;
    }
  }

  #take(): Waiting<T>[] {
    let n = 0;
    let count = 0;
    while (n < this.#queue.length && (n === 0 || count + this.#queue[n]!.items.length <= this.#opts.maxItems)) {
      count += this.#queue[n]!.items.length;
      n += 1;
    }
    return this.#queue.splice(0, n);
  }

  /** A failed batch is retried call by call, so one caller's bad values never fail the others' appends. */
  async #writeGroup(group: Waiting<T>[]): Promise<void> {
    try {
      await this.#opts.write(group.flatMap((w) => w.items));
      for (const w of group) w.resolve();
      return;
    } catch (err) {
      if (group.length === 1) {
        group[0]!.reject(err);
        return;
      }
    }
    for (const w of group) {
      try {
        await this.#opts.write([...w.items]);
        w.resolve();
      } catch (err) {
        w.reject(err);
      }
    }
  }
}
