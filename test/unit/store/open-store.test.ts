// openStore(): memory, file or PostgreSQL store, opened, with clear errors for missing or bad options.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { VtnError } from '../../../src/errors.js';
import { FileStore, MemoryStore, openStore, PostgresStore, type Store } from '../../../src/store/index.js';
import { describePostgres } from '../../helpers/postgres.js';
import { makeTempDir, recordingLogger, removeTempDirs } from './store-test-kit.js';

const stores: Store[] = [];
afterEach(async () => {
  for (const store of stores.splice(0)) await store.close();
  removeTempDirs();
});

describe('openStore', () => {
  it('opens a MemoryStore when memory is true, writing no files', async () => {
    const dir = makeTempDir();
    const store = await openStore({ memory: true, dataDir: dir });
    stores.push(store);
    expect(store).toBeInstanceOf(MemoryStore);
    expect(store.isReady()).toBe(true);
    expect(existsSync(join(dir, 'vtn.lock'))).toBe(false);
  });

  it('opens a FileStore in dataDir', async () => {
    const dir = makeTempDir();
    const store = await openStore({ dataDir: dir, logger: recordingLogger() });
    stores.push(store);
    expect(store).toBeInstanceOf(FileStore);
    expect(store.isReady()).toBe(true);
    expect(existsSync(join(dir, 'vtn.lock'))).toBe(true);
  });

  it('needs a dataDir unless memory is set', async () => {
    const error = await openStore({}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(VtnError);
    expect((error as VtnError).code).toBe('E_CONFIG');
    expect((error as VtnError).message).toMatch(/--data-dir/);
  });

  it.each([
    [{ compactEvery: 0 }, /compactEvery must be an integer ≥ 1, got 0/],
    [{ compactEvery: 2.5 }, /compactEvery must be an integer ≥ 1/],
    [{ compactIntervalMs: -1 }, /compactIntervalMs must be an integer ≥ 0, got -1/],
  ])('rejects the option %o', async (options, message) => {
    const error = await openStore({ dataDir: makeTempDir(), ...options }).catch((e: unknown) => e);
    expect((error as VtnError).code).toBe('E_CONFIG');
    expect((error as VtnError).message).toMatch(message);
  });

  it('opens a MemoryStore for store.kind memory, and needs a URL for kind postgres', async () => {
    const store = await openStore({ store: { kind: 'memory' } });
    stores.push(store);
    expect(store).toBeInstanceOf(MemoryStore);
    const error = await openStore({ store: { kind: 'postgres' } }).catch((e: unknown) => e);
    expect((error as VtnError).code).toBe('E_CONFIG');
    expect((error as VtnError).message).toMatch(/no database URL.*VTN_DATABASE_URL/);
  });

  it('reports an unreachable database with E_STORE_UNAVAILABLE, naming the URL without its password', async () => {
    const error = await openStore({ store: { kind: 'postgres', url: 'postgres://vtn:s3cret@127.0.0.1:1/vtn' }, logger: recordingLogger() }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(VtnError);
    expect((error as VtnError).code).toBe('E_STORE_UNAVAILABLE');
    expect((error as VtnError).message).toMatch(/postgres:\/\/vtn:\*\*\*@127\.0\.0\.1:1\/vtn: .*ECONNREFUSED/);
    expect((error as VtnError).message).toMatch(/Check that the server is running/);
    expect((error as VtnError).message).not.toContain('s3cret');
  });
});

describePostgres('openStore on PostgreSQL', (db) => {
  afterEach(() => db.reset());

  it('opens a PostgresStore for store.kind postgres', async () => {
    const store = await openStore({ store: { kind: 'postgres', url: db.url, poolSize: 2 }, logger: recordingLogger() });
    stores.push(store);
    expect(store).toBeInstanceOf(PostgresStore);
    expect(store.kind).toBe('postgres');
    expect(store.isReady()).toBe(true);
  });

  it('passes store.venRowsCacheMs and store.venRowsCacheEntries to the PostgresStore\'s VEN-rows cache', async () => {
    const readTwoVens = async (store: PostgresStore) => {
      for (const venId of ['v1', 'v2']) await store.unit((u) => u.prefetch(venId));
      return store.stats().venRows.size;
    };
    const bounded = await openStore({ store: { kind: 'postgres', url: db.url, venRowsCacheEntries: 1 }, logger: recordingLogger() });
    stores.push(bounded);
    expect(await readTwoVens(bounded as PostgresStore)).toBe(1);
    const off = await openStore({ store: { kind: 'postgres', url: db.url, venRowsCacheMs: 0 }, logger: recordingLogger() });
    stores.push(off);
    expect(await readTwoVens(off as PostgresStore)).toBe(0);
    const byDefault = await openStore({ store: { kind: 'postgres', url: db.url }, logger: recordingLogger() });
    stores.push(byDefault);
    expect(await readTwoVens(byDefault as PostgresStore)).toBe(2);
  });
});
