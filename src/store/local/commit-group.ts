// The units of work committing in one event-loop turn, persisted together (one journal append) and applied
// together; every unit's commit settles with the group, so none is acknowledged before its write is done.
import type { PendingWrite } from '../unit/row-source.js';

export class CommitGroup<P> {
  readonly units: (readonly PendingWrite[])[] = [];
  readonly prepared: P[] = [];
  readonly done: Promise<void>;
  /** collection + key of every record a unit in the group writes. */
  readonly #keys = new Set<string>();
  #resolve!: () => void;
  #reject!: (err: unknown) => void;

  constructor() {
    this.done = new Promise<void>((resolve, reject) => {
      this.#resolve = resolve;
      this.#reject = reject;
    });
    // Each committing unit awaits `done` itself; this only keeps a failure from counting as unhandled.
    this.done.catch(() => undefined);
  }

  add(writes: readonly PendingWrite[], prepared: P): void {
    this.units.push(writes);
    this.prepared.push(prepared);
    for (const w of writes) this.#keys.add(keyOf(w));
  }

  /** True when one of `writes` was read at a version that a unit in this group is about to change. */
  changesWhatWasRead(writes: readonly PendingWrite[]): boolean {
    return writes.some((w) => w.expected !== undefined && this.#keys.has(keyOf(w)));
  }

  succeed(): void {
    this.#resolve();
  }

  fail(err: unknown): void {
    this.#reject(err);
  }
}

const keyOf = (w: PendingWrite): string => `${w.collection}\u0000${w.key}`;
