// The subscriptions a change is matched against, kept in memory and re-read after a commit touched them (on any
// instance: postgres notices say so), so a change costs no read of 10,000 subscriptions.
import type { Store } from '../../store/store.js';
import { OA3 } from '../objects/oa3-collections.js';
import { subscriptionsOf, type Subscription } from '../objects/subscription-records.js';

export class SubscriptionIndex {
  #all: Subscription[] | undefined;
  #loading: Promise<Subscription[]> | undefined;
  /** Bumped by every notice: a read that a notice overtook is used once, not kept. */
  #generation = 0;
  readonly #stop: () => void;

  constructor(private readonly store: Store) {
    this.#stop = store.onChange((notice) => {
      if (notice.collections.includes(OA3.subscriptions) || notice.collections.includes('*')) {
        this.#all = undefined;
        this.#loading = undefined;
        this.#generation++;
      }
    });
  }

  /** Every subscription, in id order (a fresh read when one changed since the last). */
  async all(): Promise<Subscription[]> {
    if (this.#all) return this.#all;
    const generation = this.#generation;
    const loading = (this.#loading ??= this.store.unit(async (u) => (await subscriptionsOf(u).list()).map((r) => r.value), { label: 'oa3 subscription index' }));
    try {
      const rows = await loading;
      if (generation === this.#generation) this.#all = rows;
      return rows;
    } finally {
      if (this.#loading === loading) this.#loading = undefined;
    }
  }

  close(): void {
    this.#stop();
  }
}
