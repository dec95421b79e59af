// The bulk read of every VEN client's grants (a fan-out to many) gives exactly what the per-client read gives.
import { describe, expect, it } from 'vitest';
import { MemoryStore } from '../../../src/store/memory-store.js';
import { OA3 } from '../../../src/openadr3/objects/oa3-collections.js';
import { grantedTargets } from '../../../src/openadr3/objects/target-grants.js';
import { BULK_GRANTS_FROM, everyGrant, grantedTargetsOnce } from '../../../src/openadr3/notify/granted-targets.js';

describe('every grant at once', () => {
  it('matches the per-client read for every client, across pages, resources and clients with two vens', async () => {
    const store = new MemoryStore();
    await store.open();
    const clients = 1100; // two vens each: over two pages of ven objects
    await store.unit(async (u) => {
      for (let c = 0; c < clients; c++) {
        for (const k of [0, 1]) {
          const id = `ven-${c}-${k}`;
          u.collection(OA3.vens).put(id, { id, objectType: 'VEN', venName: id, clientID: `client-${c}`, targets: [`g${c % 7}`, ...(k ? [`own-${c}`] : [])] });
          if (c % 3 === 0) u.collection(OA3.resources).put(`res-${id}`, { id: `res-${id}`, objectType: 'RESOURCE', resourceName: 'r', venID: id, targets: [`feeder-${c % 5}`] });
        }
      }
      u.collection(OA3.vens).put('ven-unowned', { id: 'ven-unowned', objectType: 'VEN', venName: 'u', targets: ['nobody'] });
      u.collection(OA3.resources).put('res-orphan', { id: 'res-orphan', objectType: 'RESOURCE', resourceName: 'o', venID: 'no-such-ven', targets: ['orphan'] });
    });
    const all = await everyGrant(store);
    expect(all.size).toBe(clients);
    for (const c of [0, 1, 3, 550, 1099]) {
      const one = await store.unit((u) => grantedTargets(u, `client-${c}`));
      expect([...(all.get(`client-${c}`) ?? [])].sort()).toEqual([...one].sort());
    }
    const lookup = grantedTargetsOnce(store, BULK_GRANTS_FROM);
    expect([...(await lookup('client-3'))].sort()).toEqual(['feeder-3', 'g3', 'own-3']);
    expect((await lookup('not-a-client')).size).toBe(0);
    await store.close();
  });
});
