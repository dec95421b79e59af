// The per-instance cache of each VEN's prefetched rows (ven-rows-cache.ts) on two instances of one database: it
// saves the read, yet a change made elsewhere is seen after its notice, a change whose notice never came is caught
// by the conditional write (the unit re-runs on the database's rows) and outlives no bound.
import { expect, it } from 'vitest';
import { PostgresStore, type ChangeNotice, type Store, type Unit } from '../../../src/store/index.js';
import { PUSH_ROW_COLLECTIONS } from '../../../src/store/store.js';
import { describePostgres } from '../../helpers/postgres.js';
import { postgresStores } from '../../helpers/postgres-stores.js';
import { event } from './contract/harness.js';
import { recordingLogger, ven } from './store-test-kit.js';

describePostgres('PostgresStore: cached VEN rows', (db) => {
  let clock = Date.now();
  const open = postgresStores(db, () => ({ poolSize: 3, logger: recordingLogger(), venRowsCacheMs: 10_000, now: () => clock }));
  const seed = (store: Store) => store.unit(async (u) => {
    u.vens.put('v1', ven('v1'));
    u.events.put('e1', event('e1', ['v1']) as never);
    u.deliveries.put('e1\u0000v1', { eventId: 'e1', venId: 'v1' });
  });
  const delivery = async (u: Unit) => {
    await u.prefetch('v1');
    return u.deliveries.get('e1\u0000v1');
  };
  /** Statements other than the change notices (those follow hot commits, coalesced). */
  const statements = async (store: PostgresStore) => {
    await store.noticesSent();
    const { queries, notices } = store.stats();
    return queries - notices;
  };
  /** As an instance killed after its commit and before its notice: the delivery changed in the database, nobody was told. */
  const changeDeliveryBehindTheStore = () => db.sql(`UPDATE vtn_records SET version = version + 1, value = jsonb_set(value, '{optType}', '"optOut"')
      WHERE collection = 'deliveries' AND key = $1`, ['e1\u0001\u0001v1']);
  const heardRemote = (store: Store, collection: string) => new Promise<void>((done) => {
    const off = store.onChange((n: ChangeNotice) => {
      if (n.origin === 'remote' && n.collections.includes(collection)) { off(); done(); }
    });
  });

  it('reads a VEN\'s rows once, then serves them and this instance\'s own commits to them without a statement', async () => {
    const a = await open();
    await seed(a);
    await a.unit(delivery);
    const q = await statements(a);
    await a.unit(async (u) => {
      const d = await delivery(u);
      u.deliveries.put('e1\u0000v1', { ...d!, deliveredModification: 0 });
    });
    expect(await statements(a) - q).toBe(1); // the commit only
    expect(await a.unit(delivery)).toMatchObject({ deliveredModification: 0 });
    await a.unit(async (u) => u.events.put('e2', event('e2', ['v1']) as never)); // this instance's new event for v1
    const q2 = await statements(a);
    const seen = await a.unit(async (u) => { await u.prefetch('v1'); return (await u.events.find('venId', 'v1')).map((e) => e.eventId); });
    expect(seen).toEqual(['e1', 'e2']);
    expect(await statements(a) - q2).toBe(0);
    await a.unit(async (u) => u.events.put('e2', event('e2', ['v2']) as never)); // v1 leaves it (written without reading it)
    expect(await a.unit(async (u) => { await u.prefetch('v1'); return (await u.events.find('venId', 'v1')).map((e) => e.eventId); })).toEqual(['e1']);
    expect(a.stats().venRows.hits).toBeGreaterThanOrEqual(4);
  });

  it('reads again after another instance\'s change notice names the VEN', async () => {
    const [a, b] = [await open(), await open()];
    await seed(a);
    expect(await a.unit(delivery)).toEqual({ eventId: 'e1', venId: 'v1' });
    const heard = heardRemote(a, 'deliveries');
    await b.unit(async (u) => {
      const d = await u.deliveries.get('e1\u0000v1');
      u.deliveries.put('e1\u0000v1', { ...d!, optType: 'optIn' });
    });
    await heard;
    const q = await statements(a);
    expect(await a.unit(delivery)).toMatchObject({ optType: 'optIn' });
    expect(await statements(a) - q).toBe(1);
  });

  it('re-runs a unit whose write was based on a row changed without a notice, on the database\'s row, then reads that row', async () => {
    const a = await open();
    await seed(a);
    await a.unit(delivery);
    await changeDeliveryBehindTheStore();
    let runs = 0;
    await a.unit(async (u) => {
      runs++;
      const d = await delivery(u);
      u.deliveries.put('e1\u0000v1', { ...d!, respondedAt: 'now' });
    });
    expect(runs).toBe(2);
    expect(await a.unit(delivery)).toEqual({ eventId: 'e1', venId: 'v1', optType: 'optOut', respondedAt: 'now' });
    expect(await db.sql(`SELECT value->>'optType' AS o FROM vtn_records WHERE collection = 'deliveries'`)).toEqual([{ o: 'optOut' }]);
  });

  it('serves a row changed without a notice at most until the bound, then reads the database', async () => {
    const a = await open();
    await seed(a);
    await a.unit(delivery);
    await changeDeliveryBehindTheStore();
    clock += 9_000;
    expect(await a.unit(delivery)).toEqual({ eventId: 'e1', venId: 'v1' });
    clock += 1_001;
    expect(await a.unit(delivery)).toMatchObject({ optType: 'optOut' });
  });

  it('reads the rows of every VEN a unit prefetches in one statement, the pusher\'s records included', async () => {
    const a = await open();
    const vens = Array.from({ length: 20 }, (_v, i) => `p${i}`);
    await a.unit(async (u) => {
      u.events.put('e1', event('e1', vens) as never);
      for (const v of vens) {
        u.vens.put(v, ven(v));
        u.deliveries.put(`e1\u0000${v}`, { eventId: 'e1', venId: v });
        u.collection('pushStatus').put(v, { venId: v, delivered: 0 });
      }
    });
    const readAll = (u: Unit) => Promise.all(vens.map(async (v) => [
      (await u.vens.get(v))?.venId, (await u.pending.get(v)) ?? null, (await u.events.find('venId', v)).length,
      (await u.deliveries.get(`e1\u0000${v}`))?.venId, (await u.collection<{ delivered: number }>('pushStatus').get(v))?.delivered,
    ]));
    const plain = await open();
    const expected = await plain.unit(readAll);
    const q = await statements(a);
    const seen = await a.unit(async (u) => {
      await Promise.all(vens.map((v) => u.prefetch(v, PUSH_ROW_COLLECTIONS)));
      return readAll(u);
    });
    expect(seen).toEqual(expected);
    expect(seen[19]).toEqual(['p19', null, 1, 'p19', 0]);
    expect(await statements(a) - q).toBe(1); // one VEN-rows read for all 20 (was one for the first and 4 reads per other VEN)
  });

  it('keeps a VEN\'s cached push record current with this instance\'s commits, and reads it again after a lost race on it', async () => {
    const a = await open();
    await seed(a);
    const pushStatus = async (u: Unit) => {
      await u.prefetch('v1', PUSH_ROW_COLLECTIONS);
      return u.collection<{ delivered: number }>('pushStatus').get('v1');
    };
    expect(await a.unit(pushStatus)).toBeUndefined();
    await a.unit(async (u) => { await pushStatus(u); u.collection('pushStatus').put('v1', { venId: 'v1', delivered: 1 }); });
    const q = await statements(a);
    expect(await a.unit(pushStatus)).toEqual({ venId: 'v1', delivered: 1 });
    expect(await statements(a) - q).toBe(0);
    // Another instance's push record write sends no notice (it wakes nobody): the conditional write catches it.
    await db.sql(`UPDATE vtn_records SET version = version + 1, value = '{"venId":"v1","delivered":5}' WHERE collection = 'pushStatus'`);
    let runs = 0;
    await a.unit(async (u) => {
      runs++;
      const s = await pushStatus(u);
      u.collection('pushStatus').put('v1', { venId: 'v1', delivered: s!.delivered + 1 });
    });
    expect(runs).toBe(2);
    expect(await a.unit(pushStatus)).toEqual({ venId: 'v1', delivered: 6 });
  });
});
