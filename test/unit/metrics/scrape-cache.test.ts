// ScrapeCache: recomputes after a change notice for its collections (not sooner than minMs), at least every maxMs
// (a lost notice), shares one computation between concurrent scrapes, and forgets a failed one.
import { describe, expect, it } from 'vitest';
import { ScrapeCache } from '../../../src/metrics/scrape-cache.js';
import type { ChangeNotice, Store } from '../../../src/store/store.js';

function fakeStore() {
  const listeners = new Set<(n: ChangeNotice) => void>();
  const store = { onChange: (l: (n: ChangeNotice) => void) => { listeners.add(l); return () => listeners.delete(l); } } as unknown as Store;
  const commit = (...collections: string[]) => { for (const l of listeners) l({ collections, venIds: [], origin: 'local' }); };
  return { store, commit, listeners };
}

function counter() {
  let t = 0;
  let runs = 0;
  return { now: () => t, advance: (ms: number) => { t += ms; }, compute: async () => ++runs, runs: () => runs };
}

describe('ScrapeCache', () => {
  it('serves the cached value until a change to a watched collection, and then not sooner than minMs', async () => {
    const { store, commit } = fakeStore();
    const c = counter();
    const cache = new ScrapeCache(store, ['events'], c.compute, { minMs: 5_000, maxMs: 60_000, now: c.now });
    expect(await cache.get()).toBe(1);
    c.advance(10_000);
    commit('vens');
    expect(await cache.get()).toBe(1);
    commit('events');
    expect(await cache.get()).toBe(2);
    commit('events');
    c.advance(4_999);
    expect(await cache.get()).toBe(2);
    c.advance(1);
    expect(await cache.get()).toBe(3);
  });

  it('recomputes after maxMs without any notice (one lost between instances)', async () => {
    const { store } = fakeStore();
    const c = counter();
    const cache = new ScrapeCache(store, ['events'], c.compute, { minMs: 5_000, maxMs: 60_000, now: c.now });
    await cache.get();
    c.advance(59_999);
    expect(await cache.get()).toBe(1);
    c.advance(1);
    expect(await cache.get()).toBe(2);
  });

  it('concurrent scrapes share one computation; a failed one is not cached and stop() unsubscribes', async () => {
    const { store, listeners } = fakeStore();
    const c = counter();
    let fail = true;
    const cache = new ScrapeCache(store, ['events'], async () => {
      if (fail) throw new Error('store closed');
      return c.compute();
    }, { minMs: 5_000, maxMs: 60_000, now: c.now });
    await expect(cache.get()).rejects.toThrow('store closed');
    fail = false;
    const [a, b] = await Promise.all([cache.get(), cache.get()]);
    expect([a, b, c.runs()]).toEqual([1, 1, 1]);
    cache.stop();
    expect(listeners.size).toBe(0);
  });
});
