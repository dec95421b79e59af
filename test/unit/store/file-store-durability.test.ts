// FileStore durability: each change is in the journal when put() returns, and a killed process's files replay.
import { appendFileSync, existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { VtnError } from '../../../src/errors.js';
import { FileStore } from '../../../src/store/index.js';
import { copyAsKilled, del, get, has, keys, makeTempDir, put, recordingLogger, removeTempDirs, ven } from './store-test-kit.js';

const open: FileStore[] = [];
async function openFileStore(dataDir: string, logger = recordingLogger()): Promise<FileStore> {
  const store = new FileStore({ dataDir, compactIntervalMs: 0, logger });
  open.push(store);
  await store.open();
  return store;
}
const journalLines = (dir: string): unknown[] =>
  readFileSync(join(dir, 'vtn.journal'), 'utf8')
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line));

afterEach(async () => {
  for (const store of open.splice(0)) await store.close();
  removeTempDirs();
});

describe('FileStore journal', () => {
  it('has the change on disk when put() and delete() return, before any close', async () => {
    const dir = makeTempDir();
    const store = await openFileStore(dir);
    await put(store, 'vens', 'v1', ven('v1'));
    expect(journalLines(dir)).toEqual([{ c: 'vens', k: 'v1', v: ven('v1') }]);
    await del(store, 'vens', 'v1');
    expect(journalLines(dir)[1]).toEqual({ c: 'vens', k: 'v1' });
  });

  it('serialises the value at put time (in-place changes afterwards are not journalled)', async () => {
    const dir = makeTempDir();
    const store = await openFileStore(dir);
    const record = ven('v1');
    await put(store, 'vens', 'v1', record);
    record.registrationId = 'mutated';
    expect(journalLines(dir)).toEqual([{ c: 'vens', k: 'v1', v: ven('v1') }]);
  });

  it('rejects a value that is not JSON and leaves memory and journal unchanged', async () => {
    const dir = makeTempDir();
    const store = await openFileStore(dir);
    await expect(put(store, 'meta', 'fn', () => 1)).rejects.toThrow(/must be JSON values/);
    await expect(put(store, 'meta', 'big', 10n)).rejects.toThrow(TypeError);
    expect((await has(store, 'meta', 'fn'))).toBe(false);
    expect((await has(store, 'meta', 'big'))).toBe(false);
    expect(readFileSync(join(dir, 'vtn.journal'), 'utf8')).toBe('');
  });

  it('recovers puts, replacements, deletes and extra collections from the files of a killed process', async () => {
    const dir = makeTempDir();
    const store = await openFileStore(dir);
    await put(store, 'vens', 'v1', ven('v1'));
    await put(store, 'vens', 'v2', ven('v2'));
    await put(store, 'vens', 'v1', ven('v1', { venName: 'renamed' }));
    await del(store, 'vens', 'v2');
    await put(store, 'telemetryIndex', 'v1/r1', { last: 3.5 });
    await put(store, 'meta', 'counter', 41);

    const logger = recordingLogger();
    const revived = await openFileStore(copyAsKilled(dir), logger);
    expect((await keys(revived, 'vens'))).toEqual(['v1']);
    expect((await get(revived, 'vens', 'v1'))?.venName).toBe('renamed');
    expect((await get(revived, 'telemetryIndex', 'v1/r1'))).toEqual({ last: 3.5 });
    expect((await get(revived, 'meta', 'counter'))).toBe(41);
    expect(logger.lines.some((l) => l.level === 'warn' && /no longer running/.test(l.message))).toBe(true);
  });

  it('replays journal entries over the snapshot after a compaction', async () => {
    const dir = makeTempDir();
    const store = await openFileStore(dir);
    await put(store, 'vens', 'v1', ven('v1'));
    await put(store, 'vens', 'v2', ven('v2'));
    await store.flush();
    await del(store, 'vens', 'v1');
    await put(store, 'vens', 'v3', ven('v3'));
    const revived = await openFileStore(copyAsKilled(dir));
    expect((await keys(revived, 'vens')).sort()).toEqual(['v2', 'v3']);
  });

  it('drops a torn last line with a warning and keeps appending cleanly after it', async () => {
    const dir = makeTempDir();
    const good = JSON.stringify({ c: 'vens', k: 'v1', v: ven('v1') });
    writeFileSync(join(dir, 'vtn.journal'), `${good}\n{"c":"vens","k":"v2","v":{"ven`);
    const logger = recordingLogger();
    const store = await openFileStore(dir, logger);
    expect((await keys(store, 'vens'))).toEqual(['v1']);
    const warning = logger.lines.find((l) => l.level === 'warn');
    expect(warning?.message).toMatch(/vtn\.journal.*incomplete last line/);
    expect(statSync(join(dir, 'vtn.journal')).size).toBe(good.length + 1);

    await put(store, 'vens', 'v3', ven('v3'));
    const revived = await openFileStore(copyAsKilled(dir));
    expect((await keys(revived, 'vens'))).toEqual(['v1', 'v3']);
  });

  it('refuses to open on a damaged line in the middle, naming file and line, and releases the lock', async () => {
    const dir = makeTempDir();
    const line = (k: string) => JSON.stringify({ c: 'vens', k, v: ven(k) });
    const content = `${line('v1')}\n{"c":"vens","k":oops}\n${line('v3')}\n`;
    writeFileSync(join(dir, 'vtn.journal'), content);
    const store = new FileStore({ dataDir: dir, compactIntervalMs: 0, logger: recordingLogger() });
    const error = await store.open().then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(VtnError);
    expect((error as VtnError).code).toBe('E_STATE_CORRUPT');
    expect((error as VtnError).message).toContain(`${join(dir, 'vtn.journal')} line 2`);
    expect(store.isReady()).toBe(false);
    expect(existsSync(join(dir, 'vtn.lock'))).toBe(false);
    expect(readFileSync(join(dir, 'vtn.journal'), 'utf8')).toBe(content);
  });

  it('reports an entry without collection or key as damage', async () => {
    const dir = makeTempDir();
    writeFileSync(join(dir, 'vtn.journal'), '{"k":"v1","v":1}\n');
    await expect(openFileStore(dir)).rejects.toThrow(/line 1 is damaged: missing the collection name/);
  });

  it('replays a journal left by an unfinished compaction before the current one', async () => {
    const dir = makeTempDir();
    writeFileSync(join(dir, 'vtn.journal.prev'), `${JSON.stringify({ c: 'meta', k: 'n', v: 1 })}\n`);
    appendFileSync(join(dir, 'vtn.journal'), `${JSON.stringify({ c: 'meta', k: 'n', v: 2 })}\n`);
    const store = await openFileStore(dir);
    expect((await get(store, 'meta', 'n'))).toBe(2);
    await store.flush();
    expect(existsSync(join(dir, 'vtn.journal.prev'))).toBe(false);
    expect(readFileSync(join(dir, 'vtn.journal'), 'utf8')).toBe('');
  });

  it('survives a plain close and reopen, with fsync on', async () => {
    const dir = makeTempDir();
    const store = new FileStore({ dataDir: dir, fsync: true, compactIntervalMs: 0, logger: recordingLogger() });
    await store.open();
    await put(store, 'vens', 'v1', ven('v1'));
    await store.close();
    const reopened = await openFileStore(dir);
    expect((await get(reopened, 'vens', 'v1'))).toEqual(ven('v1'));
  });
});
