// PostgreSQL telemetry shared by several instances: counts stay exact while two instances append to the same
// series and prune at once; a lost database is E_STORE_UNAVAILABLE and loses no acknowledged value.
import { afterEach, expect, it } from 'vitest';
import { PostgresTelemetryStore } from '../../../src/telemetry/postgres-telemetry-store.js';
import { describePostgres } from '../../helpers/postgres.js';
import { TcpProxy } from '../store/tcp-proxy.js';
import { START, value } from './telemetry-fixtures.js';

const cleanup: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c();
});

const s0 = START.getTime();

describePostgres('PostgreSQL telemetry across instances', (db) => {
  async function instance(url: string, maxPerSeries?: number): Promise<PostgresTelemetryStore> {
    const store = new PostgresTelemetryStore({ url, now: () => START, retentionEveryMs: 10, poolSize: 3, ...(maxPerSeries ? { maxPerSeries } : {}) });
    await store.open();
    cleanup.push(() => store.close());
    return store;
  }

  it('keeps series counts exact while two instances append to the same series and both prune', async () => {
    await db.reset();
    const [a, b] = [await instance(db.url, 50), await instance(db.url, 50)];
    const appends = (store: PostgresTelemetryStore, offset: number) => Promise.all(Array.from({ length: 100 }, (_, i) =>
      store.append([0, 1, 2].map((k) => value(`VEN-${(i + k) % 5}`, s0 - 100_000 + offset + i * 10 + k, i)))));
    await Promise.all([appends(a, 0), appends(b, 5), a.prune(), b.prune(), a.prune()]);
    await b.prune();
    expect(await a.stats()).toMatchObject({ series: 5, values: 250 });
    expect(await b.stats()).toMatchObject({ series: 5, values: 250 });
    const counted = await db.sql<{ n: number; held: number }>(`SELECT s.n::int AS n, (SELECT count(*)::int FROM vtn_telemetry v
      WHERE v.ven_id = s.ven_id AND v.resource_id = s.resource_id AND v.measurement = s.measurement) AS held FROM vtn_telemetry_series s`);
    expect(counted).toEqual(Array.from({ length: 5 }, () => ({ n: 50, held: 50 })));
  });

  it('answers E_STORE_UNAVAILABLE while the database is unreachable and stores every acknowledged value', async () => {
    await db.reset();
    const proxy = new TcpProxy({ host: new URL(db.url).hostname, port: Number(new URL(db.url).port || 5432) });
    await proxy.start();
    cleanup.push(() => proxy.cut());
    const store = await instance(proxy.via(db.url));
    await store.append([value('VEN-1', s0, 1)]);
    await proxy.cut();
    await expect(store.append([value('VEN-1', s0 + 1000, 2)])).rejects.toMatchObject({ code: 'E_STORE_UNAVAILABLE' });
    await expect(store.query({})).rejects.toMatchObject({ code: 'E_STORE_UNAVAILABLE', message: /Cannot use the PostgreSQL database at postgres:/ });
    await proxy.start();
    await store.append([value('VEN-1', s0 + 2000, 3)]);
    expect((await store.query({})).map((v) => v.value)).toEqual([1, 3]);
    expect(await store.stats()).toMatchObject({ values: 2 });
  });
});
