// FileStore snapshot: damaged vtn.json is reported with the backup to restore, and never overwritten.
import { copyFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { VtnError } from '../../../src/errors.js';
import { FileStore } from '../../../src/store/index.js';
import { get, makeTempDir, put, recordingLogger, removeTempDirs, ven } from './store-test-kit.js';

const stores: FileStore[] = [];
const makeStore = (dataDir: string): FileStore => {
  const store = new FileStore({ dataDir, compactIntervalMs: 0, logger: recordingLogger() });
  stores.push(store);
  return store;
};
const openError = (store: FileStore): Promise<VtnError> =>
  store.open().then(
    () => {
      throw new Error('open() should have failed');
    },
    (e: unknown) => e as VtnError,
  );

afterEach(async () => {
  for (const store of stores.splice(0)) await store.close();
  removeTempDirs();
});

describe('FileStore snapshot', () => {
  it('writes the documented shape and keeps the previous snapshot as vtn.json.bak', async () => {
    const dir = makeTempDir();
    const store = makeStore(dir);
    await store.open();
    await put(store, 'vens', 'v1', ven('v1'));
    await store.flush();
    const first = readFileSync(join(dir, 'vtn.json'), 'utf8');
    const doc = JSON.parse(first);
    expect(doc.format).toBe(1);
    expect(Number.isNaN(Date.parse(doc.savedAt))).toBe(false);
    expect(doc.collections.vens).toEqual({ v1: ven('v1') });
    expect(existsSync(join(dir, 'vtn.json.bak'))).toBe(false);

    await put(store, 'vens', 'v2', ven('v2'));
    await store.flush();
    expect(readFileSync(join(dir, 'vtn.json.bak'), 'utf8')).toBe(first);
    expect(Object.keys(JSON.parse(readFileSync(join(dir, 'vtn.json'), 'utf8')).collections.vens)).toEqual(['v1', 'v2']);
  });

  it('reports a truncated snapshot with the parse error and the backup to restore, and leaves it untouched', async () => {
    const dir = makeTempDir();
    const writer = makeStore(dir);
    await writer.open();
    await put(writer, 'vens', 'v1', ven('v1'));
    await writer.flush();
    await put(writer, 'vens', 'v2', ven('v2'));
    await writer.close();
    const snapshot = join(dir, 'vtn.json');
    const damaged = readFileSync(snapshot, 'utf8').slice(0, 40);
    writeFileSync(snapshot, damaged);

    const error = await openError(makeStore(dir));
    expect(error).toBeInstanceOf(VtnError);
    expect(error.code).toBe('E_STATE_CORRUPT');
    expect(error.message).toContain(`The state file ${snapshot} cannot be read`);
    expect(error.message).toMatch(/JSON/);
    expect(error.hint).toContain(`${snapshot}.bak`);
    expect(readFileSync(snapshot, 'utf8')).toBe(damaged);
    expect(existsSync(join(dir, 'vtn.lock'))).toBe(false);

    // Following the hint brings back the state of the backup.
    copyFileSync(`${snapshot}.bak`, snapshot);
    const restored = makeStore(dir);
    await restored.open();
    expect((await get(restored, 'vens', 'v1'))).toEqual(ven('v1'));
  });

  it('says when there is no backup to restore', async () => {
    const dir = makeTempDir();
    writeFileSync(join(dir, 'vtn.json'), '');
    const error = await openError(makeStore(dir));
    expect(error.code).toBe('E_STATE_CORRUPT');
    expect(error.hint).toMatch(/no backup .*vtn\.json\.bak/);
  });

  it.each([
    ['null', 'holds no document'],
    ['[1,2]', 'not a JSON object'],
    ['{"format":2,"collections":{}}', 'unsupported format 2'],
    ['{"format":1,"collections":{"vens":[1]}}', 'collection "vens" is not an object'],
  ])('rejects the document %s', async (content, reason) => {
    const dir = makeTempDir();
    writeFileSync(join(dir, 'vtn.json'), content);
    const error = await openError(makeStore(dir));
    expect(error.code).toBe('E_STATE_CORRUPT');
    expect(error.message).toContain(reason);
    expect(readFileSync(join(dir, 'vtn.json'), 'utf8')).toBe(content);
  });

  it('refuses to compact over a snapshot changed by someone else, keeping every change in the journal', async () => {
    const dir = makeTempDir();
    const logger = recordingLogger();
    const store = new FileStore({ dataDir: dir, compactIntervalMs: 0, logger });
    stores.push(store);
    await store.open();
    await put(store, 'vens', 'v1', ven('v1'));
    await store.flush();
    const foreign = '{"format":1,"savedAt":"x","collections":{"vens":{}}}';
    writeFileSync(join(dir, 'vtn.json'), foreign);
    await put(store, 'vens', 'v2', ven('v2'));
    await expect(store.flush()).rejects.toThrow(/changed outside this VTN/);
    expect(readFileSync(join(dir, 'vtn.json'), 'utf8')).toBe(foreign);
    expect(readFileSync(join(dir, 'vtn.journal.prev'), 'utf8')).toContain('"k":"v2"');
    expect(logger.lines.some((l) => l.level === 'error' && /Compaction .* failed/.test(l.message))).toBe(true);
    stores.pop();
    await expect(store.close()).rejects.toThrow(/changed outside this VTN/);
    expect(existsSync(join(dir, 'vtn.lock'))).toBe(false);
  });
});
