// The store module's public surface.
export type { ChangeNotice, Repository, Store, StoreKind, Unit, UnitOptions, Versioned } from './store.js';
export { deliveryKey, optKey } from './store.js';
export type * from './records.js';
export { MemoryStore } from './memory-store.js';
export { FileStore, type FileStoreOptions } from './file-store.js';
export { openStore, type OpenStoreOptions, type StoreSettings } from './open-store.js';
export type { StoreLogger } from './store-logger.js';
export { PostgresStore, type PostgresStoreOptions, type PostgresStoreStats } from './postgres/postgres-store.js';
