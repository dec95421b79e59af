// The push VENs this instance knows, in memory: a change notice for a pull VEN costs a map lookup, not a store read.
// Refreshed from the store for the VENs a registration notice names (all of them after a lost notice).
import type { Store } from '../store/store.js';
import type { VenRecord } from '../store/records.js';
import { PUSH_STATUS, type PushStatusRecord } from '../vtn/push-status.js';

export interface RosterEntry {
  suspended: boolean;
}

const PAGE = 1000;

export class PushRoster {
  readonly #entries = new Map<string, RosterEntry>();
  readonly #store: Store;

  constructor(store: Store) {
    this.#store = store;
  }

  get size(): number {
    return this.#entries.size;
  }

  get(venId: string): RosterEntry | undefined {
    return this.#entries.get(venId);
  }

  suspendedCount(): number {
    let n = 0;
    for (const e of this.#entries.values()) if (e.suspended) n++;
    return n;
  }

  ids(): string[] {
    return [...this.#entries.keys()];
  }

  setSuspended(venId: string, suspended: boolean): void {
    const entry = this.#entries.get(venId);
    if (entry) entry.suspended = suspended;
  }

  /** Every registered VEN, page by page; returns the push VENs' ids. */
  async loadAll(): Promise<string[]> {
    this.#entries.clear();
    let after: string | undefined;
    for (;;) {
      const page = await this.#store.unit(async (u) => {
        const vens = (await u.vens.list({ limit: PAGE, ...(after !== undefined ? { after } : {}) })).map((r) => r.value);
        return { vens, statuses: await u.collection<PushStatusRecord>(PUSH_STATUS).getMany(vens.filter(isPush).map((v) => v.venId)) };
      }, { label: 'push roster' });
      this.#apply(page.vens, page.statuses);
      if (page.vens.length < PAGE) break;
      after = page.vens[page.vens.length - 1]!.venId;
    }
    return this.ids();
  }

  /** Re-reads these VENs (registered, re-registered in another mode, or gone). */
  async refresh(venIds: readonly string[]): Promise<void> {
    const { vens, statuses } = await this.#store.unit(async (u) => {
      const found = await u.vens.getMany(venIds);
      return { vens: [...found.values()], statuses: await u.collection<PushStatusRecord>(PUSH_STATUS).getMany([...found.keys()]) };
    }, { label: 'push roster' });
    for (const venId of venIds) this.#entries.delete(venId);
    this.#apply(vens, statuses);
  }

  #apply(vens: VenRecord[], statuses: Map<string, PushStatusRecord>): void {
    for (const ven of vens) {
      if (isPush(ven)) this.#entries.set(ven.venId, { suspended: Boolean(statuses.get(ven.venId)?.suspendedAt) });
      else this.#entries.delete(ven.venId);
    }
  }
}

export const isPush = (ven: VenRecord): boolean => ven.httpPullModel === false && ven.transportAddress !== undefined;
