// A store whose committed state is in this process's memory: the memory store, and the file store (plus its journal).
import type { ChangeNotice } from '../store.js';
import { UnitStore } from '../unit/unit-store.js';
import { WriteConflict, type PendingWrite } from '../unit/row-source.js';
import { CommitGroup } from './commit-group.js';
import { LocalSource } from './local-source.js';

export abstract class LocalStore<P = void> extends UnitStore {
  protected readonly local = new LocalSource();
  #group: CommitGroup<P> | undefined;

  protected get source(): LocalSource {
    return this.local;
  }

  /** One unit's writes made ready to persist (the file store's journal line); throwing fails that unit alone. */
  protected abstract prepare(writes: readonly PendingWrite[]): P;
  /** Makes prepared units durable before they are applied; throwing fails them all and applies none. */
  protected abstract persist(prepared: readonly P[]): void;
  /** True while commits should share one persist per event-loop turn; false persists each at once. */
  protected abstract groupsCommits(): boolean;

  protected async commitWrites(writes: PendingWrite[], _notice: ChangeNotice): Promise<void> {
    if (writes.length === 0) return;
    // A record another unit is committing is not yet applied: a write conditional on it checks after that commit.
    while (this.groupsCommits() && this.#group?.changesWhatWasRead(writes)) await this.#group.done.catch(() => undefined);
    if (!this.groupsCommits()) {
      // Synchronous from check to apply: nothing else runs in between, so the commit is atomic.
      this.#check(writes);
      this.persist([this.prepare(writes)]);
      this.#apply(writes);
      return;
    }
    this.#check(writes);
    const prepared = this.prepare(writes);
    let group = this.#group;
    if (!group) {
      const fresh = (group = this.#group = new CommitGroup<P>());
      // After this turn's I/O callbacks: every unit committing in them joins this group.
      setImmediate(() => this.flushCommits(fresh));
    }
    group.add(writes, prepared);
    await group.done;
  }

  /** Persists and applies the group now (`only`: unless another already replaced it); a no-op when none waits. */
  protected flushCommits(only?: CommitGroup<P>): void {
    const group = this.#group;
    if (!group || (only && group !== only)) return;
    this.#group = undefined;
    try {
      this.persist(group.prepared);
    } catch (err) {
      group.fail(err);
      return;
    }
    try {
      for (const writes of group.units) this.#apply(writes);
    } catch (err) {
      group.fail(err);
      return;
    }
    group.succeed();
  }

  #check(writes: readonly PendingWrite[]): void {
    for (const w of writes) {
      const current = this.local.tables.get(w.collection)?.version(w.key) ?? 0;
      if (w.expected !== undefined && current !== w.expected) throw new WriteConflict(w.collection, w.key);
    }
  }

  #apply(writes: readonly PendingWrite[]): void {
    for (const w of writes) this.local.table(w.collection).apply(w.key, w.value);
  }

  /** A single process holds every lock (the file store's process lock keeps a second one out). */
  async holdsLock(_name: string): Promise<boolean> {
    return this.isReady();
  }
}
