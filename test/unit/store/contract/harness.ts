// One backing (memory, a data directory, a PostgreSQL database) per test, and stores opened on it for the contract.
import { afterEach, beforeEach } from 'vitest';
import { FileStore, MemoryStore, type Store, type StoreKind } from '../../../../src/store/index.js';
import { PostgresStore } from '../../../../src/store/postgres/postgres-store.js';
import type { TestDatabase } from '../../../helpers/postgres.js';
import { makeTempDir, recordingLogger, removeTempDirs } from '../store-test-kit.js';

export interface Harness {
  kind: StoreKind;
  /** An opened store on this test's backing: a second instance (postgres) or the same state again after close (file). */
  open(): Promise<Store>;
  /** Several open stores can share the backing at once (postgres). */
  shared: boolean;
  /** A closed store's records are there when opened again. */
  durable: boolean;
}

/** Registers the per-test setup and teardown; returns the harness for `kind`. */
export function harness(kind: StoreKind, db?: TestDatabase): Harness {
  const opened: Store[] = [];
  let dir = '';
  let memory: MemoryStore | undefined;
  beforeEach(async () => {
    dir = makeTempDir();
    memory = undefined;
    await db?.reset();
  });
  afterEach(async () => {
    for (const store of opened.splice(0)) await store.close();
    removeTempDirs();
  });
  const make = (): Store => {
    if (kind === 'memory') return (memory ??= new MemoryStore());
    if (kind === 'file') return new FileStore({ dataDir: dir, compactIntervalMs: 0, logger: recordingLogger() });
    return new PostgresStore({ url: db!.url, poolSize: 3, logger: recordingLogger() });
  };
  return {
    kind,
    shared: kind === 'postgres',
    durable: kind !== 'memory',
    async open() {
      const store = make();
      opened.push(store);
      await store.open();
      return store;
    },
  };
}

/** A promise and its resolver: lets a test hold one unit at a chosen point while another runs. */
export function gate(): { wait: Promise<void>; open: () => void } {
  let open!: () => void;
  const wait = new Promise<void>((resolve) => (open = resolve));
  return { wait, open };
}

export const event = (eventId: string, venIds: string[], extra: Record<string, unknown> = {}) => ({
  eventId,
  venIds,
  dtstart: '2026-06-01T12:00:00.000Z',
  duration: 3_600_000,
  ...extra,
});
