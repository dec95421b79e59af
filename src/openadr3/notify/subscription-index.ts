// The subscriptions a change is matched against, kept in memory and re-read after a commit touched them (on any
// instance: postgres notices say so), so a change costs no read of 10,000 subscriptions.
import type { Store } from '../../store/store.js';
import { KeptUntilChange } from '../objects/kept-until-change.js';
import { OA3 } from '../objects/oa3-collections.js';
import { subscriptionsOf, type Subscription } from '../objects/subscription-records.js';

export class SubscriptionIndex {
  readonly #kept: KeptUntilChange<Subscription[]>;

  constructor(store: Store) {
    this.#kept = new KeptUntilChange(store, [OA3.subscriptions], (s) => s.unit(async (u) => (await subscriptionsOf(u).list()).map((r) => r.value), { label: 'oa3 subscription index' }));
  }

  /** Every subscription, in id order (a fresh read when one changed since the last). */
  all(): Promise<Subscription[]> {
    return this.#kept.get();
  }

  close(): void {
    this.#kept.close();
  }
}
