// What every Store shares: running units of work (re-run on a write conflict), change notices, the open gate.
import { VtnError } from '../../errors.js';
import { venIdsOf } from '../collection-specs.js';
import type { ChangeNotice, Store, StoreKind, Unit, UnitOptions } from '../store.js';
import { OverlayUnit } from './overlay-unit.js';
import { WriteConflict, type PendingWrite, type RowSource } from './row-source.js';

const DEFAULT_ATTEMPTS = 8;

export abstract class UnitStore implements Store {
  abstract readonly kind: StoreKind;
  readonly #listeners = new Set<(notice: ChangeNotice) => void>();

  /** Committed state the units read. */
  protected abstract get source(): RowSource;
  /** Applies the writes atomically and durably, or throws WriteConflict (nothing applied) when a condition fails. */
  protected abstract commitWrites(writes: PendingWrite[], notice: ChangeNotice): Promise<void>;

  async unit<T>(fn: (unit: Unit) => Promise<T>, options: UnitOptions = {}): Promise<T> {
    const attempts = options.attempts ?? DEFAULT_ATTEMPTS;
    for (let attempt = 1; ; attempt++) {
      const unit = new OverlayUnit(this.source, () => this.#assertWritable());
      const result = await fn(unit);
      const writes = unit.writes();
      const notice = noticeFor(writes, unit.touched);
      try {
        if (writes.length > 0 || unit.touched.size > 0) await this.commitWrites(writes, notice);
      } catch (err) {
        if (!(err instanceof WriteConflict)) throw err;
        if (attempt >= attempts) {
          throw new VtnError('E_STORE_CONFLICT', `${options.label ?? 'A change'} lost ${attempts} write races on "${err.collection}"`, 'Retry the request; if it keeps failing, another writer is changing the same record in a loop.');
        }
        continue;
      }
      if (notice.collections.length > 0 || notice.venIds.length > 0) this.emit(notice);
      for (const after of unit.afterCommits) await after();
      return result;
    }
  }

  onChange(listener: (notice: ChangeNotice) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Tells this instance's listeners (a listener's failure never fails the committed unit). */
  protected emit(notice: ChangeNotice): void {
    for (const listener of this.#listeners) {
      try {
        listener(notice);
      } catch {
        // A listener is a wake-up hint; its own errors are its business.
      }
    }
  }

  abstract holdsLock(name: string): Promise<boolean>;
  abstract open(): Promise<void>;
  abstract isReady(): boolean;
  abstract flush(): Promise<void>;
  abstract close(): Promise<void>;

  #assertWritable(): void {
    if (!this.isReady()) throw new Error('Store is not open: cannot change state before open() or after close()');
  }
}

/** The collections and VENs a set of writes concerns; '*' alone when any write concerns every VEN. */
export function noticeFor(writes: readonly PendingWrite[], touched: ReadonlySet<string>): ChangeNotice {
  const collections = new Set<string>();
  const venIds = new Set<string>(touched);
  for (const w of writes) {
    collections.add(w.collection);
    for (const v of venIdsOf(w.collection, w.key, w.value ?? w.before)) venIds.add(v);
    if (w.value !== undefined && w.before !== undefined) for (const v of venIdsOf(w.collection, w.key, w.before)) venIds.add(v);
  }
  return { collections: [...collections], venIds: venIds.has('*') ? ['*'] : [...venIds], origin: 'local' };
}
