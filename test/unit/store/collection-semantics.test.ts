// The Collection contract, run against every Store implementation.
import { afterEach, describe, expect, it } from 'vitest';
import { COLLECTION_NAMES, FileStore, MemoryStore, type Store } from '../../../src/store/index.js';
import { makeTempDir, recordingLogger, removeTempDirs, ven } from './store-test-kit.js';

const implementations: [string, () => Store][] = [
  ['MemoryStore', () => new MemoryStore()],
  ['FileStore', () => new FileStore({ dataDir: makeTempDir(), compactIntervalMs: 0, logger: recordingLogger() })],
];

describe.each(implementations)('%s collections', (_name, makeStore) => {
  const opened: Store[] = [];
  const openStore = async (): Promise<Store> => {
    const store = makeStore();
    opened.push(store);
    await store.open();
    return store;
  };

  afterEach(async () => {
    for (const store of opened.splice(0)) await store.close();
    removeTempDirs();
  });

  it('is ready only between open() and close(), and open() is idempotent', async () => {
    const store = makeStore();
    opened.push(store);
    expect(store.isReady()).toBe(false);
    await store.open();
    await store.open();
    expect(store.isReady()).toBe(true);
    await store.close();
    expect(store.isReady()).toBe(false);
  });

  it('puts, gets, replaces and counts records', async () => {
    const store = await openStore();
    expect(store.vens.get('v1')).toBeUndefined();
    expect(store.vens.has('v1')).toBe(false);
    store.vens.put('v1', ven('v1'));
    store.vens.put('v2', ven('v2'));
    expect(store.vens.size).toBe(2);
    expect(store.vens.get('v1')?.registrationId).toBe('reg-v1');
    store.vens.put('v1', ven('v1', { registrationId: 'reg-new' }));
    expect(store.vens.size).toBe(2);
    expect(store.vens.get('v1')?.registrationId).toBe('reg-new');
  });

  it('keeps records by reference (no copy on put or get)', async () => {
    const store = await openStore();
    const record = ven('v1');
    store.vens.put('v1', record);
    expect(store.vens.get('v1')).toBe(record);
  });

  it('iterates keys and values in insertion order', async () => {
    const store = await openStore();
    for (const id of ['c', 'a', 'b']) store.vens.put(id, ven(id));
    expect([...store.vens.keys()]).toEqual(['c', 'a', 'b']);
    expect([...store.vens.values()].map((v) => v.venId)).toEqual(['c', 'a', 'b']);
  });

  it('deletes records; deleting a missing key changes nothing', async () => {
    const store = await openStore();
    store.vens.put('v1', ven('v1'));
    store.vens.delete('v1');
    store.vens.delete('never-there');
    expect(store.vens.has('v1')).toBe(false);
    expect(store.vens.size).toBe(0);
  });

  it('serves the six named collections as the same objects as collection(name)', async () => {
    const store = await openStore();
    for (const name of COLLECTION_NAMES) expect(store.collection(name)).toBe(store[name]);
  });

  it('creates further named collections on first use, each its own key space', async () => {
    const store = await openStore();
    const subscriptions = store.collection<{ id: string }>('reportSubscriptions');
    expect(store.collection('reportSubscriptions')).toBe(subscriptions);
    expect(subscriptions.size).toBe(0);
    subscriptions.put('v1', { id: 'sub' });
    store.vens.put('v1', ven('v1'));
    expect(subscriptions.get('v1')).toEqual({ id: 'sub' });
    expect(store.vens.get('v1')?.venId).toBe('v1');
    store.meta.put('v1', 7);
    expect(store.meta.get('v1')).toBe(7);
  });

  it('rejects an undefined value, a non-string key and an empty collection name', async () => {
    const store = await openStore();
    expect(() => store.vens.put('v1', undefined as never)).toThrow(/use delete\(\)/);
    expect(() => store.vens.put(42 as never, ven('v1'))).toThrow(/key must be a string/);
    expect(() => store.collection('')).toThrow(/non-empty string/);
    expect(store.vens.size).toBe(0);
  });

  it('refuses changes before open() and after close()', async () => {
    const store = makeStore();
    opened.push(store);
    expect(() => store.vens.put('v1', ven('v1'))).toThrow(/not open/);
    await store.open();
    store.vens.put('v1', ven('v1'));
    await store.close();
    expect(() => store.vens.delete('v1')).toThrow(/not open/);
    expect(store.vens.get('v1')?.venId).toBe('v1');
  });
});
