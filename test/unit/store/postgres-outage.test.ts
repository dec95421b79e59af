// A database outage: while PostgreSQL cannot be reached units fail with E_STORE_UNAVAILABLE and the lock is not
// held; when it is back the same store carries on, and its listener says everything may have changed.
import { afterEach, expect, it, vi } from 'vitest';
import { VtnError } from '../../../src/errors.js';
import { PostgresStore, type ChangeNotice } from '../../../src/store/index.js';
import { describePostgres } from '../../helpers/postgres.js';
import { recordingLogger, ven } from './store-test-kit.js';
import { TcpProxy } from './tcp-proxy.js';

describePostgres('PostgresStore during an outage', (db) => {
  const cleanup: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const fn of cleanup.splice(0).reverse()) await fn();
  });

  it('fails units with E_STORE_UNAVAILABLE while the database is unreachable and recovers when it returns', async () => {
    const target = new URL(db.url);
    const proxy = new TcpProxy({ host: target.hostname, port: Number(target.port || 5432) });
    await proxy.start();
    cleanup.push(() => proxy.cut());
    const logger = recordingLogger();
    const store = new PostgresStore({ url: proxy.via(db.url), poolSize: 2, logger });
    cleanup.push(() => store.close());
    await store.open();
    await store.unit(async (u) => u.vens.put('v1', ven('v1')));
    expect(await store.holdsLock('scheduler')).toBe(true);
    const heard: ChangeNotice[] = [];
    store.onChange((n) => heard.push(n));

    await proxy.cut();
    const read = await store.unit((u) => u.vens.get('v1')).catch((e: unknown) => e);
    expect(read).toBeInstanceOf(VtnError);
    expect((read as VtnError).code).toBe('E_STORE_UNAVAILABLE');
    expect((read as VtnError).message).not.toContain(':vtn_test@'); // no password
    const write = await store.unit(async (u) => u.vens.put('v2', ven('v2'))).catch((e: unknown) => e);
    expect((write as VtnError).code).toBe('E_STORE_UNAVAILABLE');
    expect(await store.holdsLock('scheduler')).toBe(false);

    await proxy.start();
    await vi.waitFor(async () => expect(await store.unit((u) => u.vens.get('v1'))).toEqual(ven('v1')), { timeout: 10_000 });
    await store.unit(async (u) => u.vens.put('v2', ven('v2')));
    expect(await store.unit((u) => u.vens.count())).toBe(2);
    await vi.waitFor(async () => expect(await store.holdsLock('scheduler')).toBe(true));
    await vi.waitFor(() => expect(heard).toContainEqual({ collections: ['*'], venIds: ['*'], origin: 'remote' }), { timeout: 10_000 });
    expect(logger.lines.some((l) => /Lost the change-notice connection/.test(l.message))).toBe(true);
  });
});
