// FileStore compaction: the snapshot is rewritten only by compaction, which empties the journal and keeps every change.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { FileStore, type FileStoreOptions } from '../../../src/store/index.js';
import { copyAsKilled, del, get, keys, makeTempDir, put, recordingLogger, removeTempDirs, ven } from './store-test-kit.js';

const stores: FileStore[] = [];
async function openFileStore(dataDir: string, options: Partial<FileStoreOptions> = {}): Promise<FileStore> {
  const store = new FileStore({ dataDir, compactIntervalMs: 0, logger: recordingLogger(), ...options });
  stores.push(store);
  await store.open();
  return store;
}
const journalSize = (dir: string): number => statSync(join(dir, 'vtn.journal')).size;
const snapshotVens = (dir: string): string[] =>
  Object.keys(JSON.parse(readFileSync(join(dir, 'vtn.json'), 'utf8')).collections.vens ?? {});

afterEach(async () => {
  for (const store of stores.splice(0)) await store.close();
  removeTempDirs();
});

describe('FileStore compaction', () => {
  it('never writes vtn.json on put or delete, only when compacting', async () => {
    const dir = makeTempDir();
    const store = await openFileStore(dir);
    await put(store, 'vens', 'v0', ven('v0'));
    await store.flush();
    const before = statSync(join(dir, 'vtn.json'));
    for (let i = 1; i <= 50; i += 1) await put(store, 'vens', `v${i}`, ven(`v${i}`));
    await del(store, 'vens', 'v0');
    await new Promise((resolve) => setTimeout(resolve, 20));
    const after = statSync(join(dir, 'vtn.json'));
    expect([after.size, after.mtimeMs, after.ino]).toEqual([before.size, before.mtimeMs, before.ino]);
    expect(journalSize(dir)).toBeGreaterThan(0);
  });

  it('flush() empties the journal and the state survives a reopen', async () => {
    const dir = makeTempDir();
    const store = await openFileStore(dir);
    await put(store, 'vens', 'v1', ven('v1'));
    await put(store, 'decisions', 'd1', { rule: 'accept' });
    await store.flush();
    expect(journalSize(dir)).toBe(0);
    expect(existsSync(join(dir, 'vtn.journal.prev'))).toBe(false);
    await store.close();
    const reopened = await openFileStore(dir);
    expect((await get(reopened, 'vens', 'v1'))).toEqual(ven('v1'));
    expect((await get(reopened, 'decisions', 'd1'))).toEqual({ rule: 'accept' });
  });

  it('compacts by itself after compactEvery journal entries', async () => {
    const dir = makeTempDir();
    const store = await openFileStore(dir, { compactEvery: 5 });
    for (let i = 1; i <= 4; i += 1) await put(store, 'vens', `v${i}`, ven(`v${i}`));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(existsSync(join(dir, 'vtn.json'))).toBe(false);
    await put(store, 'vens', 'v5', ven('v5'));
    await vi.waitFor(() => expect(snapshotVens(dir)).toHaveLength(5));
    await vi.waitFor(() => expect(journalSize(dir)).toBe(0));
  });

  it('by default lets the journal grow to half the state\'s rows before compacting a large state', async () => {
    const dir = makeTempDir();
    const store = await openFileStore(dir);
    const rows = 30_000;
    const fill = (from: number, to: number, n: number) => store.unit(async (u) => {
      for (let i = from; i < to; i += 1) u.collection('vens').put(`v${i}`, ven(`v${i}`, { pollFreqMs: n }));
    });
    // The first 30,000 rows arrive in an empty state: compacted at once.
    await fill(0, rows, 0);
    const compacted = () => vi.waitFor(() => expect([journalSize(dir), existsSync(join(dir, 'vtn.journal.prev'))]).toEqual([0, false]));
    await compacted();
    const turns = async () => { for (let i = 0; i < 3; i += 1) await new Promise((r) => setImmediate(r)); };
    // 12,000 entries are past the fixed 10,000 but under half of 30,000: no snapshot yet.
    for (let k = 0; k < 12; k += 1) await fill(k * 1000, (k + 1) * 1000, 1);
    await turns();
    expect(existsSync(join(dir, 'vtn.journal.prev'))).toBe(false);
    expect(journalSize(dir)).toBeGreaterThan(0);
    // 15,000 reach it.
    await fill(12_000, 15_000, 1);
    await compacted();
    expect(snapshotVens(dir)).toHaveLength(rows);
  });

  it('an explicit compactEvery is exact, whatever the state\'s size', async () => {
    const dir = makeTempDir();
    const store = await openFileStore(dir, { compactEvery: 100 });
    await store.unit(async (u) => { for (let i = 0; i < 1000; i += 1) u.collection('vens').put(`v${i}`, ven(`v${i}`)); });
    await vi.waitFor(() => expect(journalSize(dir)).toBe(0));
    await store.unit(async (u) => { for (let i = 0; i < 100; i += 1) u.collection('vens').put(`v${i}`, ven(`v${i}`, { pollFreqMs: 1 })); });
    await vi.waitFor(() => expect(journalSize(dir)).toBe(0));
  });

  it('compacts by itself every compactIntervalMs when something changed', async () => {
    const dir = makeTempDir();
    const store = await openFileStore(dir, { compactIntervalMs: 25 });
    await put(store, 'vens', 'v1', ven('v1'));
    await vi.waitFor(() => expect(snapshotVens(dir)).toEqual(['v1']));
    const written = statSync(join(dir, 'vtn.json')).mtimeMs;
    await new Promise((resolve) => setTimeout(resolve, 80));
    expect(statSync(join(dir, 'vtn.json')).mtimeMs).toBe(written);
  });

  it('keeps changes made while a compaction is running (they land in the new journal)', async () => {
    const dir = makeTempDir();
    const store = await openFileStore(dir);
    await put(store, 'vens', 'v1', ven('v1'));
    const compaction = store.flush();
    await put(store, 'vens', 'v2', ven('v2'));
    await del(store, 'vens', 'v1');
    await compaction;
    expect(snapshotVens(dir)).toEqual(['v1']);
    expect(readFileSync(join(dir, 'vtn.journal'), 'utf8').trim().split('\n')).toHaveLength(2);
    const revived = await openFileStore(copyAsKilled(dir));
    expect((await keys(revived, 'vens'))).toEqual(['v2']);
  });

  it('runs one compaction at a time; concurrent flushes all see their changes saved', async () => {
    const dir = makeTempDir();
    const store = await openFileStore(dir);
    await put(store, 'vens', 'v1', ven('v1'));
    const first = store.flush();
    await put(store, 'vens', 'v2', ven('v2'));
    const second = store.flush();
    await put(store, 'vens', 'v3', ven('v3'));
    const third = store.flush();
    await Promise.all([first, second, third]);
    expect(snapshotVens(dir)).toEqual(['v1', 'v2', 'v3']);
    expect(journalSize(dir)).toBe(0);
    // Flushes requested during the first run share one follow-up run, so the backup is the first snapshot.
    const backup = JSON.parse(readFileSync(join(dir, 'vtn.json.bak'), 'utf8'));
    expect(Object.keys(backup.collections.vens)).toEqual(['v1']);
  });

  it('close() compacts: nothing is left in the journal', async () => {
    const dir = makeTempDir();
    const store = await openFileStore(dir);
    await put(store, 'vens', 'v1', ven('v1'));
    stores.pop();
    await store.close();
    expect(journalSize(dir)).toBe(0);
    expect(snapshotVens(dir)).toEqual(['v1']);
    expect(existsSync(join(dir, 'vtn.lock'))).toBe(false);
  });
});
