// Walks a collection page by page, each page its own read-only unit, so no read holds a whole fleet in memory.
import type { Repository, Store, Unit, Versioned } from './store.js';

/** Records per page: one store round trip each. */
export const PAGE_SIZE = 1000;

/** Yields the records of `pick(u)` in key order after `start` (exclusive), `size` at a time. */
export async function* pages<T>(store: Store, pick: (u: Unit) => Repository<T>, size = PAGE_SIZE, start?: string): AsyncGenerator<Versioned<T>[]> {
  let after = start;
  for (;;) {
    const cursor = after;
    const page = await store.unit((u) => pick(u).list({ ...(cursor !== undefined ? { after: cursor } : {}), limit: size }), { label: 'page read' });
    if (page.length > 0) yield page;
    if (page.length < size) return;
    after = page[page.length - 1]!.key;
  }
}
