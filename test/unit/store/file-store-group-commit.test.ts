// FileStore group commit: the units committing in one event-loop turn share one journal write, none is
// acknowledged before that write is done, and a failed write fails all of them and loses nothing acknowledged.
import { readFileSync } from 'node:fs';
import * as fs from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { FileStore } from '../../../src/store/index.js';
import { JournalWriter } from '../../../src/store/journal-writer.js';
import { copyAsKilled, get, keys, makeTempDir, put, recordingLogger, removeTempDirs } from './store-test-kit.js';

// The journal's writes go through this hook, so a test can make the disk fail half-way through one.
const disk = vi.hoisted(() => ({ failNext: undefined as undefined | ((write: typeof fs.writeSync, fd: number, bytes: Buffer) => number), fsyncs: 0 }));
vi.mock('node:fs', async (importOriginal) => {
  const real = await importOriginal<typeof import('node:fs')>();
  const writeSync = ((fd: number, buffer: Buffer, ...rest: unknown[]) => {
    const fail = disk.failNext;
    if (fail && Buffer.isBuffer(buffer)) {
      disk.failNext = undefined;
      return fail(real.writeSync, fd, buffer);
    }
    return (real.writeSync as (...a: unknown[]) => number)(fd, buffer, ...rest);
  }) as typeof real.writeSync;
  const fsyncSync = ((fd: number) => {
    disk.fsyncs++;
    real.fsyncSync(fd);
  }) as typeof real.fsyncSync;
  return { ...real, default: { ...real, writeSync, fsyncSync }, writeSync, fsyncSync };
});

const open: FileStore[] = [];
async function openFileStore(dataDir: string, fsync = false): Promise<FileStore> {
  const store = new FileStore({ dataDir, compactIntervalMs: 0, logger: recordingLogger(), fsync });
  open.push(store);
  await store.open();
  return store;
}
const journalText = (dir: string) => readFileSync(join(dir, 'vtn.journal'), 'utf8');
const journalKeys = (dir: string) => journalText(dir).split('\n').filter(Boolean).map((l) => (JSON.parse(l) as { k: string }).k);

afterEach(async () => {
  vi.restoreAllMocks();
  disk.failNext = undefined;
  for (const store of open.splice(0)) await store.close();
  removeTempDirs();
});

describe('FileStore group commit', () => {
  it('writes the units committing in one turn in one append, one line each, and all replay after a kill', async () => {
    const dir = makeTempDir();
    const store = await openFileStore(dir);
    const appends = vi.spyOn(JournalWriter.prototype, 'appendEncoded');
    await Promise.all(['a', 'b', 'c', 'd', 'e'].map((k) => put(store, 'meta', k, { k })));
    expect(appends).toHaveBeenCalledTimes(1);
    expect(appends.mock.calls[0]![0]).toHaveLength(5);
    expect(journalKeys(dir)).toEqual(['a', 'b', 'c', 'd', 'e']);

    const reopened = await openFileStore(copyAsKilled(dir));
    expect(await keys(reopened, 'meta')).toEqual(['a', 'b', 'c', 'd', 'e']);
  });

  it('with fsync on, the units of one turn share one fsync', async () => {
    const store = await openFileStore(makeTempDir(), true);
    disk.fsyncs = 0;
    await Promise.all(['a', 'b', 'c', 'd'].map((k) => put(store, 'meta', k, { k })));
    expect(disk.fsyncs).toBe(1);
    await put(store, 'meta', 'e', { k: 'e' });
    expect(disk.fsyncs).toBe(2);
  });

  it('acknowledges a unit only once its line is written, and shows its change to others only then', async () => {
    const dir = makeTempDir();
    const store = await openFileStore(dir);
    let acknowledged = false;
    const committing = put(store, 'meta', 'x', 1).then(() => { acknowledged = true; });
    // Let the unit reach its commit (microtasks), but not the end of the turn.
    for (let i = 0; i < 20; i++) await Promise.resolve();
    expect(acknowledged).toBe(false);
    expect(journalText(dir)).toBe('');
    expect(await get(store, 'meta', 'x')).toBeUndefined();
    await committing;
    expect(journalKeys(dir)).toEqual(['x']);
    expect(await get(store, 'meta', 'x')).toBe(1);
  });

  it('a unit that read a record another unit of the same turn is changing re-runs after it: no lost update', async () => {
    const store = await openFileStore(makeTempDir());
    const increment = () => store.unit(async (u) => u.meta.put('counter', ((await u.meta.get('counter')) as number | undefined ?? 0) + 1));
    // Fewer racers than a unit's attempts (8), as on every store.
    await Promise.all(Array.from({ length: 6 }, increment));
    expect(await get(store, 'meta', 'counter')).toBe(6);
  });

  it('a write failing half-way fails every unit of its group, applies none, cuts the journal back and loses nothing acknowledged', async () => {
    const dir = makeTempDir();
    const store = await openFileStore(dir);
    await put(store, 'meta', 'before', 1);
    const journalBefore = journalText(dir);

    disk.failNext = (write, fd, bytes) => {
      write(fd, bytes.subarray(0, Math.floor(bytes.length / 2)));
      throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
    };
    const group = await Promise.allSettled(['g1', 'g2', 'g3'].map((k) => put(store, 'meta', k, { k })));
    expect(group.map((r) => r.status)).toEqual(['rejected', 'rejected', 'rejected']);
    expect(group.map((r) => (r as PromiseRejectedResult).reason.message)).toEqual(Array(3).fill('ENOSPC: no space left on device, write'));
    expect(await keys(store, 'meta')).toEqual(['before']);
    expect(journalText(dir)).toBe(journalBefore);

    await put(store, 'meta', 'after', 2);
    const reopened = await openFileStore(copyAsKilled(dir));
    expect(await keys(reopened, 'meta')).toEqual(['after', 'before']);
  });

  it('close() writes the units still waiting for their turn before the journal closes', async () => {
    const dir = makeTempDir();
    const store = await openFileStore(dir);
    const committing = put(store, 'meta', 'late', 1);
    for (let i = 0; i < 20; i++) await Promise.resolve();
    await store.close();
    await committing;
    const reopened = await openFileStore(dir);
    expect(await get(reopened, 'meta', 'late')).toBe(1);
  });
});
