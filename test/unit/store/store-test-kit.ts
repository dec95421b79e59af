// Temp data directories, a recording logger and a "disk as a killed process left it" copy for the store tests.
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Store, StoreLogger } from '../../../src/store/index.js';

const made: string[] = [];

export function makeTempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'vtn-store-'));
  made.push(dir);
  return dir;
}

export function removeTempDirs(): void {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
}

export interface RecordingLogger extends StoreLogger {
  readonly lines: { level: 'info' | 'warn' | 'error'; message: string }[];
}

export function recordingLogger(): RecordingLogger {
  const lines: RecordingLogger['lines'] = [];
  return {
    lines,
    info: (message) => lines.push({ level: 'info', message }),
    warn: (message) => lines.push({ level: 'warn', message }),
    error: (message) => lines.push({ level: 'error', message }),
  };
}

/** The pid of a process that has already exited. */
export function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', '']);
  if (child.pid === undefined) throw new Error('could not spawn a child process');
  return child.pid;
}

/**
 * Copies the state files of a still-open store to a new directory, as a `kill -9` would leave them
 * (the lock names a dead process), so a second store can open them in this test process.
 */
export function copyAsKilled(dataDir: string): string {
  const copy = makeTempDir();
  for (const name of readdirSync(dataDir)) {
    if (name !== 'vtn.lock') copyFileSync(join(dataDir, name), join(copy, name));
  }
  writeFileSync(join(copy, 'vtn.lock'), JSON.stringify({ pid: deadPid(), startedAt: new Date(0).toISOString() }));
  return copy;
}

export const ven = (venId: string, extra: Record<string, unknown> = {}) => ({
  venId,
  registrationId: `reg-${venId}`,
  profileName: '2.0b',
  transportName: 'simpleHttp',
  httpPullModel: true,
  xmlSignature: false,
  reportOnly: false,
  registeredAt: '2024-01-01T00:00:00.000Z',
  ...extra,
});

// One-change units, for the file-store tests that are about files rather than units of work.
export const put = (store: Store, collection: string, key: string, value: unknown): Promise<void> =>
  store.unit(async (u) => u.collection(collection).put(key, value));
export const del = (store: Store, collection: string, key: string): Promise<void> =>
  store.unit(async (u) => u.collection(collection).delete(key));
export const get = <T = any>(store: Store, collection: string, key: string): Promise<T | undefined> =>
  store.unit((u) => u.collection<T>(collection).get(key));
export const has = (store: Store, collection: string, key: string): Promise<boolean> =>
  store.unit((u) => u.collection(collection).has(key));
export const keys = async (store: Store, collection: string): Promise<string[]> =>
  (await store.unit((u) => u.collection(collection).list())).map((r) => r.key);
