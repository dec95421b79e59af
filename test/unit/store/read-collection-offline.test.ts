// `vtn explain` reads decisions beside a running VTN: streamed like start-up, without the lock, changing nothing.
import { appendFileSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { FileStore } from '../../../src/store/index.js';
import { readCollectionOffline } from '../../../src/store/read-collection-offline.js';
import { del, makeTempDir, put, recordingLogger, removeTempDirs, ven } from './store-test-kit.js';

const stores: FileStore[] = [];
afterEach(async () => {
  for (const store of stores.splice(0)) await store.close();
  removeTempDirs();
});

describe('readCollectionOffline', () => {
  it('reads one collection from the snapshot and journal of a running store, leaving a line being written alone', async () => {
    const dir = makeTempDir();
    const store = new FileStore({ dataDir: dir, compactIntervalMs: 0, logger: recordingLogger() });
    stores.push(store);
    await store.open();
    await put(store, 'decisions', 'd1', { n: 1 });
    await put(store, 'decisions', 'd2', { n: 2 });
    await put(store, 'vens', 'v1', ven('v1'));
    await store.flush();
    await put(store, 'decisions', 'd2', { n: 22 });
    await del(store, 'decisions', 'd1');
    await put(store, 'decisions', 'd3', { n: 3 });
    const journal = join(dir, 'vtn.journal');
    appendFileSync(journal, '{"c":"decisions","k":"d4","v":{"n"');
    const before = readFileSync(journal, 'utf8');

    const read = await readCollectionOffline(dir, 'decisions');
    expect([...(read ?? new Map())]).toEqual([
      ['d2', { n: 22 }],
      ['d3', { n: 3 }],
    ]);
    expect(readFileSync(journal, 'utf8')).toBe(before);
    expect(statSync(join(dir, 'vtn.lock')).isFile()).toBe(true);
  });

  it('says there is no state in a folder without state files', async () => {
    expect(await readCollectionOffline(makeTempDir(), 'decisions')).toBeUndefined();
  });
});
