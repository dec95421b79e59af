// PostgresStores opened on a test file's database, closed and the tables emptied after each test.
import { afterEach } from 'vitest';
import { PostgresStore, type PostgresStoreOptions } from '../../src/store/index.js';
import type { TestDatabase } from './postgres.js';

export type OpenPostgresStore = (options?: Partial<PostgresStoreOptions>) => Promise<PostgresStore>;

/** `open(options)`: a store on `db` with `options` over `defaults()` (called per store: a fresh logger each). */
export function postgresStores(db: TestDatabase, defaults: () => Partial<PostgresStoreOptions> = () => ({})): OpenPostgresStore {
  const opened: PostgresStore[] = [];
  afterEach(async () => {
    for (const store of opened.splice(0)) await store.close();
    await db.reset();
  });
  return async (options = {}) => {
    const store = new PostgresStore({ url: db.url, ...defaults(), ...options });
    opened.push(store);
    await store.open();
    return store;
  };
}
