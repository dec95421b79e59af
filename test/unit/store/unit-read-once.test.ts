// A unit reads each key from the store once: a second get is answered from what it saw (one statement on PostgreSQL).
import { describe, expect, it, vi } from 'vitest';
import { MemoryStore } from '../../../src/store/memory-store.js';

describe('a unit reads each key once', () => {
  it('repeated gets of one key cost one source read and see one version, even when another unit commits in between', async () => {
    const store = new MemoryStore();
    await store.open();
    await store.unit(async (u) => { u.meta.put('k', 1); });
    const source = (store as unknown as { local: { get: (...a: unknown[]) => unknown } }).local;
    const reads = vi.spyOn(source, 'get');
    const seen = await store.unit(async (u) => {
      const first = await u.meta.get('k');
      await store.unit(async (other) => { other.meta.put('k', 2); });
      const again = await u.meta.get('k');
      const many = await u.meta.getMany(['k']);
      return [first, again, many.get('k')];
    }, { attempts: 1 });
    expect(seen).toEqual([1, 1, 1]);
    expect(reads).toHaveBeenCalledTimes(1);
  });

  it('a write after such a read is still conditional on the version read', async () => {
    const store = new MemoryStore();
    await store.open();
    await store.unit(async (u) => { u.meta.put('k', 1); });
    let runs = 0;
    await store.unit(async (u) => {
      runs += 1;
      const v = (await u.meta.get('k')) as number;
      await u.meta.get('k');
      if (runs === 1) await store.unit(async (other) => { other.meta.put('k', 10); });
      u.meta.put('k', v + 1);
    });
    expect(runs).toBe(2);
    expect(await store.unit((u) => u.meta.get('k'))).toBe(11);
  });
});
