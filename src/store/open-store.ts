// Picks and opens the store a VTN runs on: memory for tests and demos, files by default, PostgreSQL for several instances.
import { VtnError } from '../errors.js';
import { FileStore, type FileStoreOptions } from './file-store.js';
import { MemoryStore } from './memory-store.js';
import type { Store, StoreKind } from './store.js';

/** The `store` section of the configuration (VTN_DATABASE_URL sets kind postgres with its url). */
export interface StoreSettings {
  kind: StoreKind;
  /** postgres://user:password@host:port/database (kind postgres). */
  url?: string;
  /** Pooled database connections per instance (kind postgres; default 10). */
  poolSize?: number;
  /** ms a VEN's rows read by one message are reused by its next ones on this instance (kind postgres; default 10,000; 0 = off). */
  venRowsCacheMs?: number;
  /** VENs whose rows this instance keeps (kind postgres; default 20,000). */
  venRowsCacheEntries?: number;
}

export type OpenStoreOptions = Omit<FileStoreOptions, 'dataDir'> & {
  dataDir?: string;
  /** Same as store.kind 'memory' (the older option, kept). */
  memory?: boolean;
  store?: StoreSettings;
};

/** An opened Store: memory when `memory` is true or store.kind says so, PostgreSQL for kind postgres, else files in `dataDir`. */
export async function openStore(options: OpenStoreOptions): Promise<Store> {
  const kind = options.memory ? 'memory' : (options.store?.kind ?? 'file');
  const store = await makeStore(kind, options);
  await store.open();
  return store;
}

async function makeStore(kind: StoreKind, options: OpenStoreOptions): Promise<Store> {
  if (kind === 'memory') return new MemoryStore();
  if (kind === 'postgres') {
    const url = options.store?.url;
    if (!url) throw new VtnError('E_CONFIG', 'store.kind is "postgres" but no database URL is given', 'set store.url in the config, or VTN_DATABASE_URL');
    // Imported here: `pg` and the PostgreSQL modules cost a file-store start ~150 ms for nothing.
    const { PostgresStore } = await import('./postgres/postgres-store.js');
    const { poolSize, venRowsCacheMs, venRowsCacheEntries } = options.store ?? {};
    return new PostgresStore({
      url, ...(options.logger ? { logger: options.logger } : {}), ...(poolSize ? { poolSize } : {}),
      ...(venRowsCacheMs !== undefined ? { venRowsCacheMs } : {}), ...(venRowsCacheEntries !== undefined ? { venRowsCacheEntries } : {}),
    });
  }
  if (kind !== 'file') throw new VtnError('E_CONFIG', `Unknown store kind "${String(kind)}"`, 'use "memory", "file" or "postgres"');
  if (options.dataDir === undefined || options.dataDir === '') {
    throw new VtnError('E_CONFIG', 'No data directory for the state files', 'set --data-dir, or use memory: true');
  }
  return new FileStore({ ...options, dataDir: options.dataDir });
}
