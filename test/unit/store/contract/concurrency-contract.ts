// Contract, part 2: atomic commits, conditional writes between racing units (in one store, and across two
// instances on postgres), E_STORE_CONFLICT, and after-commit work.
import { expect, it } from 'vitest';
import { VtnError } from '../../../../src/errors.js';
import type { Store } from '../../../../src/store/index.js';
import { ven } from '../store-test-kit.js';
import { gate, type Harness } from './harness.js';

/** Two units reading `counter` before either writes it; the second commits first. Returns how often each ran. */
async function race(a: Store, b: Store): Promise<{ runsA: number; runsB: number; after: string[] }> {
  const readByA = gate();
  const bCommitted = gate();
  const after: string[] = [];
  let runsA = 0;
  let runsB = 0;
  const unitA = a.unit(async (u) => {
    runsA++;
    const n = ((await u.meta.get('counter')) as number | undefined) ?? 0;
    readByA.open();
    if (runsA === 1) await bCommitted.wait;
    u.meta.put('counter', n + 1);
    u.afterCommit(() => { after.push(`A saw ${n}`); });
  });
  await readByA.wait;
  await b.unit(async (u) => {
    runsB++;
    const n = ((await u.meta.get('counter')) as number | undefined) ?? 0;
    u.meta.put('counter', n + 1);
    u.afterCommit(() => { after.push(`B saw ${n}`); });
  });
  bCommitted.open();
  await unitA;
  return { runsA, runsB, after };
}

export function concurrencyContract(h: Harness): void {
  it('commits nothing of a unit that throws, and runs none of its after-commit work', async () => {
    const store = await h.open();
    const after: string[] = [];
    const refused = store.unit(async (u) => {
      u.meta.put('x', 1);
      u.vens.put('v1', ven('v1'));
      u.afterCommit(() => { after.push('ran'); });
      throw new Error('refused message');
    });
    await expect(refused).rejects.toThrow('refused message');
    expect(await store.unit(async (u) => [await u.meta.count(), await u.vens.count()])).toEqual([0, 0]);
    expect(after).toEqual([]);
  });

  it('re-runs the unit that lost a race on a key it read: it sees the winner\'s write', async () => {
    const store = await h.open();
    const r = await race(store, store);
    expect(r).toEqual({ runsA: 2, runsB: 1, after: ['B saw 0', 'A saw 1'] });
    expect(await store.unit((u) => u.meta.get('counter'))).toBe(2);
  });

  it.runIf(h.shared)('re-runs the loser when the racing units run on two instances', async () => {
    const [a, b] = [await h.open(), await h.open()];
    const r = await race(a, b);
    expect(r).toEqual({ runsA: 2, runsB: 1, after: ['B saw 0', 'A saw 1'] });
    expect(await b.unit((u) => u.meta.get('counter'))).toBe(2);
  });

  it('lets one of two creates of one key win; the other re-runs and finds it', async () => {
    const [a, b] = h.shared ? [await h.open(), await h.open()] : [await h.open(), undefined];
    const both = gate();
    let arrived = 0;
    const created: string[] = [];
    const attempt = (store: Store, who: string) => store.unit(async (u) => {
      const existing = await u.meta.get('leader');
      if (++arrived === 2) both.open();
      await both.wait;
      if (existing === undefined) {
        u.meta.create('leader', who);
        u.afterCommit(() => { created.push(who); });
      }
      return existing ?? who;
    });
    const results = await Promise.all([attempt(a, 'A'), attempt(b ?? a, 'B')]);
    expect(created).toHaveLength(1);
    expect(results).toEqual([created[0], created[0]]);
    expect(await a.unit((u) => u.meta.get('leader'))).toBe(created[0]);
  });

  it('gives up with E_STORE_CONFLICT after repeated conflicts, committing none of the unit', async () => {
    const store = await h.open();
    await store.unit(async (u) => u.meta.put('taken', 1));
    let runs = 0;
    const error = await store.unit(async (u) => {
      runs++;
      u.meta.put('side', runs);
      u.meta.create('taken', 2); // exists: conflicts at every commit
    }, { attempts: 3, label: 'Creating taken' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(VtnError);
    expect((error as VtnError).code).toBe('E_STORE_CONFLICT');
    expect((error as VtnError).message).toMatch(/Creating taken lost 3 write races on "meta"/);
    expect(runs).toBe(3);
    expect(await store.unit(async (u) => [await u.meta.get('side'), await u.meta.get('taken')])).toEqual([undefined, 1]);
  });

  it('keeps a blind write unconditional: a later writer simply wins', async () => {
    const store = await h.open();
    await store.unit(async (u) => u.meta.put('k', 'first'));
    await store.unit(async (u) => u.meta.put('k', 'second'));
    expect(await store.unit((u) => u.meta.list())).toEqual([{ key: 'k', value: 'second', version: 2 }]);
  });
}
