// vtn.json is written and read record by record through our lowdb adapter: one record per line inside a
// JSON document (jq still reads it), older one-document snapshots still open, damage names the line.
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { VtnError } from '../../../src/errors.js';
import { FileStore } from '../../../src/store/index.js';
import { del, get, keys, makeTempDir, put, recordingLogger, removeTempDirs, ven } from './store-test-kit.js';

const stores: FileStore[] = [];
async function openStore(dataDir: string): Promise<FileStore> {
  const store = new FileStore({ dataDir, compactIntervalMs: 0, logger: recordingLogger() });
  stores.push(store);
  await store.open();
  return store;
}
const openError = (dataDir: string): Promise<VtnError> =>
  openStore(dataDir).then(
    () => {
      throw new Error('open() should have failed');
    },
    (e: unknown) => e as VtnError,
  );
const snapshotLines = (dir: string) => readFileSync(join(dir, 'vtn.json'), 'utf8').split('\n');

afterEach(async () => {
  for (const store of stores.splice(0)) await store.close();
  removeTempDirs();
});

/** A store with two VENs, a meta value and an emptied collection, flushed to vtn.json. */
async function writtenSnapshot(dir: string): Promise<void> {
  const store = await openStore(dir);
  await put(store, 'vens', 'v1', ven('v1'));
  await put(store, 'vens', 'v2', ven('v2', { venName: 'line\nbreak "quoted" ünïcode' }));
  await put(store, 'meta', '__proto__', { n: 1 });
  await put(store, 'decisions', 'd1', 1);
  await del(store, 'decisions', 'd1');
  await store.close();
}

describe('snapshot streamed record by record', () => {
  it('writes one record per line inside one JSON document', async () => {
    const dir = makeTempDir();
    await writtenSnapshot(dir);
    const lines = snapshotLines(dir);
    expect(lines[0]).toMatch(/^\{"format":1,"savedAt":"[^"]+","collections":\{$/);
    expect(lines.slice(1)).toEqual([
      '"vens":{',
      `"v1":${JSON.stringify(ven('v1'))},`,
      `"v2":${JSON.stringify(ven('v2', { venName: 'line\nbreak "quoted" ünïcode' }))}`,
      '},',
      '"meta":{',
      '"__proto__":{"n":1}',
      '},',
      '"decisions":{',
      // Written once and emptied: still listed, empty (collections never written are not).
      '}',
      '}}',
      '',
    ]);
    const doc = JSON.parse(lines.join('\n'));
    expect(doc.collections.vens.v2.venName).toBe('line\nbreak "quoted" ünïcode');
    expect(doc.collections.decisions).toEqual({});
  });

  it('reads back what it wrote, including odd keys and characters', async () => {
    const dir = makeTempDir();
    await writtenSnapshot(dir);
    const store = await openStore(dir);
    expect((await get(store, 'vens', 'v2'))).toEqual(ven('v2', { venName: 'line\nbreak "quoted" ünïcode' }));
    expect((await get(store, 'meta', '__proto__'))).toEqual({ n: 1 });
    expect(Object.getPrototypeOf((await get(store, 'meta', '__proto__')))).toBe(Object.prototype);
    expect(await store.unit((u) => u.collection('decisions').count())).toBe(0);
  });

  it('round-trips keys holding quotes and backslashes', async () => {
    const dir = makeTempDir();
    const odd = ['a"b', 'c\\', 'd\\"e', '"', '\\\\"'];
    const store = await openStore(dir);
    for (const key of odd) await put(store, 'meta', key, key);
    await store.close();
    const reopened = await openStore(dir);
    expect(await keys(reopened, 'meta')).toEqual([...odd].sort());
    for (const key of odd) expect((await get(reopened, 'meta', key))).toBe(key);
  });

  it('keeps the replaced snapshot as vtn.json.bak by hard link (no copy of a large file), and the new one apart from it', async () => {
    const dir = makeTempDir();
    const store = await openStore(dir);
    await put(store, 'vens', 'v1', ven('v1'));
    await store.flush();
    const first = statSync(join(dir, 'vtn.json'));
    await put(store, 'vens', 'v2', ven('v2'));
    await store.flush();
    expect(statSync(join(dir, 'vtn.json.bak')).ino).toBe(first.ino);
    expect(statSync(join(dir, 'vtn.json')).ino).not.toBe(first.ino);
    expect(statSync(join(dir, 'vtn.json')).nlink).toBe(1);
  });

  it('a stop that would overrun its budget abandons the snapshot write; the journal replays every change at the next start', async () => {
    const dir = makeTempDir();
    const logger = recordingLogger();
    const store = new FileStore({ dataDir: dir, compactIntervalMs: 0, closeBudgetMs: 0, logger });
    await store.open();
    // Three records of 1 MB: more than one write batch, so the budget is checked before the write completes.
    for (const k of ['a', 'b', 'c']) await put(store, 'meta', k, k.repeat(1_000_000));
    // A compaction is under way when the stop begins: it gives up between two batches.
    const compaction = store.flush();
    await store.close();
    await compaction;
    expect(existsSync(join(dir, 'vtn.json'))).toBe(false);
    expect(existsSync(join(dir, 'vtn.json.tmp'))).toBe(false);
    expect(existsSync(join(dir, 'vtn.lock'))).toBe(false);
    expect(logger.lines).toContainEqual({ level: 'warn', message: expect.stringContaining('would overrun the 0 ms stop budget') });
    const reopened = await openStore(dir);
    expect((await get(reopened, 'meta', 'c'))).toBe('c'.repeat(1_000_000));
    await reopened.close();
    expect(statSync(join(dir, 'vtn.json')).size).toBeGreaterThan(3_000_000);
  });

  it('opens a snapshot in the older one-document layout (lowdb JSONFile) and rewrites it line per record at the next compaction', async () => {
    const dir = makeTempDir();
    const old = { format: 1, savedAt: '2025-01-01T00:00:00.000Z', collections: { vens: { v1: ven('v1') }, meta: {} } };
    writeFileSync(join(dir, 'vtn.json'), JSON.stringify(old, null, 2));
    const store = await openStore(dir);
    expect((await get(store, 'vens', 'v1'))).toEqual(ven('v1'));
    await put(store, 'vens', 'v2', ven('v2'));
    await store.flush();
    expect(snapshotLines(dir).slice(1, 5)).toEqual(['"vens":{', `"v1":${JSON.stringify(ven('v1'))},`, `"v2":${JSON.stringify(ven('v2'))}`, '},']);
    expect(readFileSync(join(dir, 'vtn.json.bak'), 'utf8')).toBe(JSON.stringify(old, null, 2));
  });

  it.each([
    ['cut after a whole record line', (lines: string[]) => lines.slice(0, 3).join('\n') + '\n', 'ends before the document does (truncated)'],
    ['cut inside a record line', (lines: string[]) => lines.slice(0, 3).join('\n') + '\n' + (lines[3] as string).slice(0, 20), 'ends before the document does (truncated)'],
    ['a record line without its comma', (lines: string[]) => lines.map((l, i) => (i === 2 ? l.slice(0, -1) : l)).join('\n'), 'line 4: a record without a "," after the previous one'],
    ['a damaged record', (lines: string[]) => lines.map((l, i) => (i === 3 ? l.replace(':', '') : l)).join('\n'), 'line 4: not a "key":record line'],
    ['a key with an escaped quote but no colon', (lines: string[]) => lines.map((l, i) => (i === 3 ? '"v\\"2"{}' : l)).join('\n'), 'line 4: not a "key":record line'],
    ['two records on one line', (lines: string[]) => lines.map((l, i) => (i === 3 ? `${l},"v9":1` : l)).join('\n'), 'line 4: not a "key":record line'],
    ['text after the end', (lines: string[]) => lines.join('\n') + '{}\n', 'text after the end of the document'],
    ['an unsupported format', (lines: string[]) => lines.map((l, i) => (i === 0 ? l.replace('"format":1', '"format":7') : l)).join('\n'), 'line 1: unsupported format 7'],
  ])('refuses a line-per-record snapshot with %s, naming the damage and the backup, and leaves it untouched', async (_, damage, reason) => {
    const dir = makeTempDir();
    await writtenSnapshot(dir);
    // A second close wrote the backup, so the hint can name it.
    const again = await openStore(dir);
    await put(again, 'meta', 'n', 2);
    await again.close();
    const damaged = damage(snapshotLines(dir));
    writeFileSync(join(dir, 'vtn.json'), damaged);
    const error = await openError(dir);
    expect(error.code).toBe('E_STATE_CORRUPT');
    expect(error.message).toContain(`The state file ${join(dir, 'vtn.json')} cannot be read: `);
    expect(error.message).toContain(reason);
    expect(error.hint).toContain(`${join(dir, 'vtn.json')}.bak`);
    expect(readFileSync(join(dir, 'vtn.json'), 'utf8')).toBe(damaged);
  });
});
