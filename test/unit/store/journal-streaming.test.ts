// The journal is streamed line by line on replay: lines across read chunks replay whole, a line over the
// record limit is damage (not a crash), and a record that could not be read back is never written.
import { appendFileSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { VtnError } from '../../../src/errors.js';
import { FileStore } from '../../../src/store/index.js';
import { MAX_LINE_BYTES } from '../../../src/store/line-reader.js';
import { get, keys, makeTempDir, put, recordingLogger, removeTempDirs, ven } from './store-test-kit.js';

const stores: FileStore[] = [];
const makeStore = (dataDir: string, logger = recordingLogger()): FileStore => {
  const store = new FileStore({ dataDir, compactIntervalMs: 0, logger });
  stores.push(store);
  return store;
};
const entry = (k: string, v: unknown) => `${JSON.stringify({ c: 'vens', k, v })}\n`;
/** A journal line of `bytes` bytes (newline included) holding one string value. */
const lineOf = (k: string, bytes: number) => {
  const frame = entry(k, '').length;
  return entry(k, 'x'.repeat(bytes - frame));
};

afterEach(async () => {
  for (const store of stores.splice(0)) await store.close();
  removeTempDirs();
});

describe('journal streamed on replay', () => {
  it('replays lines that straddle read chunks (3 MiB records between small ones) exactly', async () => {
    const dir = makeTempDir();
    const big = 'é'.repeat(1_500_000); // 3 MB of two-byte characters: a chunk boundary falls inside a character
    writeFileSync(join(dir, 'vtn.journal'), entry('small-1', ven('small-1')) + entry('big', big) + entry('small-2', ven('small-2')) + entry('big-2', big));
    const store = makeStore(dir);
    await store.open();
    expect((await get(store, 'vens', 'big'))).toBe(big);
    expect((await get(store, 'vens', 'big-2'))).toBe(big);
    expect((await get(store, 'vens', 'small-2'))).toEqual(ven('small-2'));
  });

  it('a line over the 64 MiB record limit in the middle of the journal is reported as damage naming the line, not a crash', async () => {
    const dir = makeTempDir();
    const path = join(dir, 'vtn.journal');
    writeFileSync(path, entry('v1', ven('v1')));
    appendFileSync(path, lineOf('huge', MAX_LINE_BYTES + 1024));
    appendFileSync(path, entry('v3', ven('v3')));
    const size = statSync(path).size;
    const store = makeStore(dir);
    const error = (await store.open().catch((e: unknown) => e)) as VtnError;
    expect(error).toBeInstanceOf(VtnError);
    expect(error.code).toBe('E_STATE_CORRUPT');
    expect(error.message).toContain(`${path} line 2 is damaged: ${MAX_LINE_BYTES + 1023} bytes long, over the ${MAX_LINE_BYTES}-byte limit`);
    expect(error.message.length).toBeLessThan(1000);
    expect(store.isReady()).toBe(false);
    expect(statSync(path).size).toBe(size);
  });

  it('a torn last line longer than the record limit is dropped like any torn line', async () => {
    const dir = makeTempDir();
    const path = join(dir, 'vtn.journal');
    const good = entry('v1', ven('v1'));
    writeFileSync(path, good);
    appendFileSync(path, lineOf('torn', MAX_LINE_BYTES + 1024).slice(0, -1));
    const logger = recordingLogger();
    const store = makeStore(dir, logger);
    await store.open();
    expect((await keys(store, 'vens'))).toEqual(['v1']);
    expect(statSync(path).size).toBe(good.length);
    expect(logger.lines.some((l) => l.level === 'warn' && /incomplete last line \(67109887 bytes\)/.test(l.message))).toBe(true);
  });

  it('a record too large to be read back is refused at put() and changes neither memory nor the journal', async () => {
    const dir = makeTempDir();
    const store = makeStore(dir);
    await store.open();
    await put(store, 'vens', 'v1', ven('v1'));
    const journal = readFileSync(join(dir, 'vtn.journal'), 'utf8');
    await expect(put(store, 'vens', 'v1', { ...ven('v1'), venName: 'x'.repeat(MAX_LINE_BYTES) })).rejects.toThrow(/over the 67108864-byte record limit/);
    expect((await get(store, 'vens', 'v1'))).toEqual(ven('v1'));
    expect(readFileSync(join(dir, 'vtn.journal'), 'utf8')).toBe(journal);
  });
});
