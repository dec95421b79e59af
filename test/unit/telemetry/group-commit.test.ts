// Group commit: calls made while a write is in flight share the next write; a failing call fails alone.
import { describe, expect, it } from 'vitest';
import { GroupCommit } from '../../../src/telemetry/group-commit.js';

function recorder(fail: (items: number[]) => boolean = () => false) {
  const writes: number[][] = [];
  const commit = new GroupCommit<number>({
    maxItems: 10,
    write: async (items) => {
      await new Promise((r) => setImmediate(r));
      if (fail(items)) throw new Error(`refused ${items.join(',')}`);
      writes.push(items);
    },
  });
  return { writes, commit };
}

describe('GroupCommit', () => {
  it('writes the first call at once and the calls that queued meanwhile together, in order', async () => {
    const { writes, commit } = recorder();
    await Promise.all([[1], [2, 3], [4], [5]].map((items) => commit.add(items)));
    expect(writes).toEqual([[1], [2, 3, 4, 5]]);
  });

  it('keeps a batch near maxItems, but sends a call larger than that alone and whole', async () => {
    const { writes, commit } = recorder();
    const big = Array.from({ length: 25 }, (_, i) => 100 + i);
    await Promise.all([[0], [1, 2, 3, 4, 5, 6], [7, 8, 9, 10, 11], big, [12]].map((items) => commit.add(items)));
    expect(writes).toEqual([[0], [1, 2, 3, 4, 5, 6], [7, 8, 9, 10, 11], big, [12]]);
  });

  it('retries a failed batch call by call, so only the bad call is rejected', async () => {
    const { writes, commit } = recorder((items) => items.includes(13));
    const results = await Promise.allSettled([[1], [2], [13], [3]].map((items) => commit.add(items)));
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'fulfilled']);
    expect((results[2] as PromiseRejectedResult).reason.message).toBe('refused 13');
    expect(writes).toEqual([[1], [2], [3]]);
  });

  it('starts a new write for a call made right after the queue drained, and idle() waits for it', async () => {
    const { writes, commit } = recorder();
    await commit.add([1]);
    const second = commit.add([2]);
    await commit.idle();
    expect(writes).toEqual([[1], [2]]);
    await second;
  });
});
