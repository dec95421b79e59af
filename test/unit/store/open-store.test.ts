// openStore(): memory or file store, opened, with clear errors for missing or bad options.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { VtnError } from '../../../src/errors.js';
import { FileStore, MemoryStore, openStore, type Store } from '../../../src/store/index.js';
import { makeTempDir, recordingLogger, removeTempDirs } from './store-test-kit.js';

const stores: Store[] = [];
afterEach(async () => {
  for (const store of stores.splice(0)) await store.close();
  removeTempDirs();
});

describe('openStore', () => {
  it('opens a MemoryStore when memory is true, writing no files', async () => {
    const dir = makeTempDir();
    const store = await openStore({ memory: true, dataDir: dir });
    stores.push(store);
    expect(store).toBeInstanceOf(MemoryStore);
    expect(store.isReady()).toBe(true);
    expect(existsSync(join(dir, 'vtn.lock'))).toBe(false);
  });

  it('opens a FileStore in dataDir', async () => {
    const dir = makeTempDir();
    const store = await openStore({ dataDir: dir, logger: recordingLogger() });
    stores.push(store);
    expect(store).toBeInstanceOf(FileStore);
    expect(store.isReady()).toBe(true);
    expect(existsSync(join(dir, 'vtn.lock'))).toBe(true);
  });

  it('needs a dataDir unless memory is set', async () => {
    const error = await openStore({}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(VtnError);
    expect((error as VtnError).code).toBe('E_CONFIG');
    expect((error as VtnError).message).toMatch(/--data-dir/);
  });

  it.each([
    [{ compactEvery: 0 }, /compactEvery must be an integer ≥ 1, got 0/],
    [{ compactEvery: 2.5 }, /compactEvery must be an integer ≥ 1/],
    [{ compactIntervalMs: -1 }, /compactIntervalMs must be an integer ≥ 0, got -1/],
  ])('rejects the option %o', async (options, message) => {
    const error = await openStore({ dataDir: makeTempDir(), ...options }).catch((e: unknown) => e);
    expect((error as VtnError).code).toBe('E_CONFIG');
    expect((error as VtnError).message).toMatch(message);
  });
});
