// Contract, part 3: change notices (local, and remote between two postgres instances) and singleton locks.
import { expect, it, vi } from 'vitest';
import type { ChangeNotice } from '../../../../src/store/index.js';
import { ven } from '../store-test-kit.js';
import { event, type Harness } from './harness.js';

const sorted = (n: ChangeNotice) => ({ ...n, collections: [...n.collections].sort(), venIds: [...n.venIds].sort() });

export function coordinationContract(h: Harness): void {
  it('tells listeners what each commit changed and whom it concerns, after the commit', async () => {
    const store = await h.open();
    const notices: ChangeNotice[] = [];
    const stop = store.onChange((n) => notices.push(sorted(n)));
    await store.unit(async (u) => {
      u.collection('events').put('e1', event('e1', ['v1', 'v2']));
      u.vens.put('v3', ven('v3'));
    });
    // A delete of a record the unit read wakes the VENs it concerned.
    await store.unit(async (u) => {
      await u.events.get('e1');
      u.events.delete('e1');
    });
    await store.unit(async (u) => u.touch(['v9']));
    await store.unit(async (u) => { await u.meta.get('nothing'); }); // reads only: no notice
    stop();
    await store.unit(async (u) => u.meta.put('unheard', 1));
    expect(notices).toEqual([
      { collections: ['events', 'vens'], venIds: ['v1', 'v2', 'v3'], origin: 'local' },
      { collections: ['events'], venIds: ['v1', 'v2'], origin: 'local' },
      { collections: [], venIds: ['v9'], origin: 'local' },
    ]);
  });

  it.runIf(h.shared)('tells the other instances too, as remote notices, and an instance never hears itself as remote', async () => {
    const [a, b] = [await h.open(), await h.open()];
    const heardByA: ChangeNotice[] = [];
    const heardByB: ChangeNotice[] = [];
    a.onChange((n) => heardByA.push(sorted(n)));
    b.onChange((n) => heardByB.push(sorted(n)));
    await a.unit(async (u) => u.collection('events').put('e1', event('e1', ['v2', 'v1'])));
    await vi.waitFor(() => expect(heardByB).toEqual([{ collections: ['events'], venIds: ['v1', 'v2'], origin: 'remote' }]));
    // Many VENs: the notice still arrives, waking everyone.
    const many = Array.from({ length: 2_000 }, (_, i) => `ven-with-a-long-identifier-${i}`);
    await b.unit(async (u) => u.collection('events').put('e2', event('e2', many)));
    await vi.waitFor(() => expect(heardByA.find((n) => n.origin === 'remote')).toEqual({ collections: ['events'], venIds: ['*'], origin: 'remote' }));
    expect(heardByA.filter((n) => n.origin === 'local')).toHaveLength(1);
    expect(heardByB.filter((n) => n.origin === 'remote')).toHaveLength(1);
  });

  it.runIf(!h.shared)('holds every lock while open (one process owns the state)', async () => {
    const store = await h.open();
    expect(await store.holdsLock('scheduler')).toBe(true);
    await store.close();
    expect(await store.holdsLock('scheduler')).toBe(false);
  });

  it.runIf(h.shared)('gives a lock to one instance at a time, and to another once its holder closes', async () => {
    const [a, b] = [await h.open(), await h.open()];
    expect(await a.holdsLock('scheduler')).toBe(true);
    expect(await a.holdsLock('scheduler')).toBe(true);
    expect(await b.holdsLock('scheduler')).toBe(false);
    expect(await b.holdsLock('retention')).toBe(true);
    await a.close();
    expect(await a.holdsLock('scheduler')).toBe(false);
    await vi.waitFor(async () => expect(await b.holdsLock('scheduler')).toBe(true));
  });
}
