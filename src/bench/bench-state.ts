// Where one benchmark state lives: a data folder (file store) or a database of its own (PostgreSQL, with the same
// folder for telemetry segments and the config), and how to open it, configure `vtn start` on it and weigh it.
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { openStore, type Store, type StoreSettings } from '../store/index.js';
import type { BenchPostgres } from './bench-postgres.js';

export type BenchStoreKind = 'file' | 'postgres';
export const STORE_KINDS: readonly BenchStoreKind[] = ['file', 'postgres'];

export interface BenchState {
  kind: BenchStoreKind;
  dataDir: string;
  /** The postgres store's settings; undefined for files. */
  store?: StoreSettings;
}

const quiet = { info() {}, warn() {}, error() {} };

/** A new, empty state of this kind (for PostgreSQL a fresh database). */
export async function newState(kind: BenchStoreKind, dataDir: string, pg: BenchPostgres | undefined, purpose: string): Promise<BenchState> {
  if (kind === 'file') return { kind, dataDir };
  if (!pg) throw new Error('a PostgreSQL state needs the bench server');
  return { kind, dataDir, store: { kind: 'postgres', url: await pg.database(purpose) } };
}

/** Opens the state's store outside a VTN (seeding); a file store compacts only when closed. */
export function openBenchStore(state: BenchState): Promise<Store> {
  return openStore({ dataDir: state.dataDir, ...(state.store ? { store: state.store } : {}), compactIntervalMs: 0, compactEvery: 1_000_000, logger: quiet });
}

/** Bytes the state occupies: the data folder for files, the VTN tables (with indexes) in PostgreSQL. */
export async function stateBytes(state: BenchState, pg: BenchPostgres | undefined): Promise<number> {
  if (state.store) return pg!.stateBytes(state.store.url!);
  return dirBytes(state.dataDir);
}

/** Bytes of every file under `dir` (the state folder: snapshot, journal, telemetry, lock); a hard link (vtn.json.bak) counts once. */
export function dirBytes(dir: string, seen = new Set<string>()): number {
  let total = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      total += dirBytes(path, seen);
      continue;
    }
    const st = statSync(path);
    const inode = `${st.dev}:${st.ino}`;
    if (seen.has(inode)) continue;
    seen.add(inode);
    total += st.size;
  }
  return total;
}
