// Picks and opens the store a VTN runs on: memory for tests and demos, files otherwise.
import { VtnError } from '../errors.js';
import { FileStore, type FileStoreOptions } from './file-store.js';
import { MemoryStore } from './memory-store.js';
import type { Store } from './store.js';

export type OpenStoreOptions = Omit<FileStoreOptions, 'dataDir'> & { dataDir?: string; memory?: boolean };

/** An opened Store: a MemoryStore when `memory` is true, else a FileStore in `dataDir` (required then). */
export async function openStore(options: OpenStoreOptions): Promise<Store> {
  if (options.memory) {
    const store = new MemoryStore();
    await store.open();
    return store;
  }
  if (options.dataDir === undefined || options.dataDir === '') {
    throw new VtnError('E_CONFIG', 'No data directory for the state files', 'set --data-dir, or use memory: true');
  }
  const store = new FileStore({ ...options, dataDir: options.dataDir });
  await store.open();
  return store;
}
