// Two VTN "instances" on one memory store: each a view sharing the data, with a lock arbiter standing in for
// PostgreSQL's advisory lock (the first to ask holds it; a holder that stops frees it for the next to ask).
import type { Store } from '../../../src/store/store.js';

export class LockArbiter {
  readonly holders = new Map<string, string>();

  /** `instance` stops (or its connection dies): its locks go to whoever asks next. */
  release(instance: string): void {
    for (const [lock, holder] of this.holders) if (holder === instance) this.holders.delete(lock);
  }
}

/** `store` as instance `name` sees it: same units and notices, its own answer to holdsLock. */
export function instanceView(store: Store, arbiter: LockArbiter | 'always', name: string): Store {
  return {
    kind: store.kind,
    unit: (fn, options) => store.unit(fn, options),
    onChange: (listener) => store.onChange(listener),
    holdsLock: async (lock) => {
      if (arbiter === 'always') return true;
      if (!arbiter.holders.has(lock)) arbiter.holders.set(lock, name);
      return arbiter.holders.get(lock) === name;
    },
    open: () => store.open(),
    isReady: () => store.isReady(),
    flush: () => store.flush(),
    close: async () => { if (arbiter !== 'always') arbiter.release(name); },
  };
}
