// A store whose committed state is in this process's memory: the memory store, and the file store (plus its journal).
import type { ChangeNotice } from '../store.js';
import { UnitStore } from '../unit/unit-store.js';
import { WriteConflict, type PendingWrite } from '../unit/row-source.js';
import { LocalSource } from './local-source.js';

export abstract class LocalStore extends UnitStore {
  protected readonly local = new LocalSource();

  protected get source(): LocalSource {
    return this.local;
  }

  /** Makes the writes durable before they are applied (the file store's journal); throwing applies nothing. */
  protected abstract persist(writes: readonly PendingWrite[]): void;

  // Synchronous from check to apply: nothing else runs in between, so a local commit is atomic.
  protected async commitWrites(writes: PendingWrite[], _notice: ChangeNotice): Promise<void> {
    for (const w of writes) {
      const table = this.local.tables.get(w.collection);
      const current = table?.version(w.key) ?? 0;
      if (w.expected !== undefined && current !== w.expected) throw new WriteConflict(w.collection, w.key);
    }
    this.persist(writes);
    for (const w of writes) this.local.table(w.collection).apply(w.key, w.value);
  }

  /** A single process holds every lock (the file store's process lock keeps a second one out). */
  async holdsLock(_name: string): Promise<boolean> {
    return this.isReady();
  }
}
