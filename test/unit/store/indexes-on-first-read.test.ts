// A local store's indexes are built from the rows when first read (a start-up indexes only what its first requests
// ask for), then kept in step: writes before that first read, after it, and across a restart all show exactly.
import { afterEach, describe, expect, it } from 'vitest';
import { FileStore } from '../../../src/store/index.js';
import { LocalTable } from '../../../src/store/local/local-table.js';
import type { VenRecord } from '../../../src/store/records.js';
import { copyAsKilled, makeTempDir, recordingLogger, removeTempDirs, ven } from './store-test-kit.js';

const stores: FileStore[] = [];
async function open(dataDir: string): Promise<FileStore> {
  const store = new FileStore({ dataDir, compactIntervalMs: 0, logger: recordingLogger() });
  stores.push(store);
  await store.open();
  return store;
}
afterEach(async () => {
  for (const s of stores.splice(0)) await s.close();
  removeTempDirs();
});

const named = (venId: string, venName: string) => ven(venId, { venName }) as unknown as VenRecord;
const byName = (store: FileStore, venName: string) =>
  store.unit(async (u) => (await u.vens.find('venName', venName)).map((v) => v.venId), { label: 'test read' });

describe('indexes built on first read', () => {
  it('a table indexes nothing until an index is read, then that index alone, in step with later writes', () => {
    const t = new LocalTable('vens');
    t.apply('a', named('a', 'north'));
    t.apply('b', named('b', 'south'));
    t.apply('a', named('a', 'east'));
    expect(t.builtIndexes()).toEqual([]);
    expect([...t.keysFor('venName', 'east')]).toEqual(['a']);
    expect([...t.keysFor('venName', 'north')]).toEqual([]);
    expect(t.builtIndexes()).toEqual(['venName']);
    t.apply('b', undefined);
    t.apply('c', named('c', 'east'));
    expect([...t.keysFor('venName', 'south')]).toEqual([]);
    expect([...t.keysFor('venName', 'east')].sort()).toEqual(['a', 'c']);
    expect(t.rangeKeys('registrationId', undefined, undefined)).toEqual([['reg-a', 'a'], ['reg-c', 'c']]);
    expect(t.builtIndexes().sort()).toEqual(['registrationId', 'venName']);
    t.clear();
    expect(t.builtIndexes()).toEqual([]);
  });

  it('a file store answers index reads exactly after writes made before the first read, and after a restart', async () => {
    const dir = makeTempDir();
    const first = await open(dir);
    await first.unit(async (u) => {
      u.vens.put('v1', named('v1', 'north'));
      u.vens.put('v2', named('v2', 'north'));
      u.vens.put('v3', named('v3', 'south'));
    }, { label: 'test write' });
    await first.close();
    // Snapshot loaded, nothing read yet: a rename, a delete and a new VEN before the first index read.
    const second = await open(dir);
    await second.unit(async (u) => {
      u.vens.put('v1', named('v1', 'south'));
      u.vens.delete('v3');
      u.vens.put('v4', named('v4', 'north'));
    }, { label: 'test write' });
    expect(await byName(second, 'north')).toEqual(['v2', 'v4']);
    expect(await byName(second, 'south')).toEqual(['v1']);
    // After the first read the index follows every write.
    await second.unit(async (u) => u.vens.put('v2', named('v2', 'south')), { label: 'test write' });
    expect(await byName(second, 'south')).toEqual(['v1', 'v2']);
    // Killed after a change only the journal holds: the next start replays it onto the snapshot and indexes the same.
    await second.unit(async (u) => u.vens.put('v5', named('v5', 'north')), { label: 'test write' });
    const third = await open(copyAsKilled(dir));
    expect(await byName(third, 'north')).toEqual(['v4', 'v5']);
    expect(await byName(third, 'south')).toEqual(['v1', 'v2']);
  });
});
