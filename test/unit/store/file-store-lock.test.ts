// FileStore single-process lock: refused while its holder lives, taken over from a dead one, removed on close.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { VtnError } from '../../../src/errors.js';
import { FileStore } from '../../../src/store/index.js';
import { deadPid, makeTempDir, recordingLogger, removeTempDirs } from './store-test-kit.js';

const stores: FileStore[] = [];
const children: ChildProcess[] = [];
const makeStore = (dataDir: string, logger = recordingLogger()): FileStore => {
  const store = new FileStore({ dataDir, compactIntervalMs: 0, logger });
  stores.push(store);
  return store;
};
const writeLock = (dir: string, pid: number): void =>
  writeFileSync(join(dir, 'vtn.lock'), JSON.stringify({ pid, startedAt: '2024-05-01T00:00:00.000Z' }));

afterEach(async () => {
  for (const store of stores.splice(0)) await store.close();
  for (const child of children.splice(0)) child.kill('SIGKILL');
  removeTempDirs();
});

describe('FileStore lock', () => {
  it('creates a missing data directory and writes pid and start time to vtn.lock', async () => {
    const dir = join(makeTempDir(), 'nested', 'state');
    const store = makeStore(dir);
    await store.open();
    const lock = JSON.parse(readFileSync(join(dir, 'vtn.lock'), 'utf8'));
    expect(lock.pid).toBe(process.pid);
    expect(Number.isNaN(Date.parse(lock.startedAt))).toBe(false);
    await store.close();
    expect(existsSync(join(dir, 'vtn.lock'))).toBe(false);
  });

  it('refuses a second store on a directory this process holds', async () => {
    const dir = makeTempDir();
    await makeStore(dir).open();
    const second = makeStore(dir);
    const error = await second.open().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(VtnError);
    expect((error as VtnError).code).toBe('E_STATE_LOCKED');
    expect((error as VtnError).message).toContain(`is used by VTN process ${process.pid}`);
    expect((error as VtnError).message).toContain('stop it or use another --data-dir');
    expect(second.isReady()).toBe(false);
  });

  it('refuses a lock held by another live process and leaves its lock in place', async () => {
    const dir = makeTempDir();
    const sleeper = spawn('sleep', ['30'], { stdio: 'ignore' });
    children.push(sleeper);
    writeLock(dir, sleeper.pid as number);
    const error = await makeStore(dir)
      .open()
      .catch((e: unknown) => e);
    expect((error as VtnError).code).toBe('E_STATE_LOCKED');
    expect((error as VtnError).message).toContain(`VTN process ${sleeper.pid}`);
    expect(JSON.parse(readFileSync(join(dir, 'vtn.lock'), 'utf8')).pid).toBe(sleeper.pid);
  });

  it('takes over the lock of a dead process with a warning', async () => {
    const dir = makeTempDir();
    const gone = deadPid();
    writeLock(dir, gone);
    const logger = recordingLogger();
    const store = makeStore(dir, logger);
    await store.open();
    expect(store.isReady()).toBe(true);
    expect(JSON.parse(readFileSync(join(dir, 'vtn.lock'), 'utf8')).pid).toBe(process.pid);
    expect(logger.lines).toContainEqual({
      level: 'warn',
      message: expect.stringContaining(`VTN process ${gone} (started 2024-05-01T00:00:00.000Z) is no longer running`),
    });
  });

  it('takes over an unreadable lock file', async () => {
    const dir = makeTempDir();
    writeFileSync(join(dir, 'vtn.lock'), '{"pid":');
    const logger = recordingLogger();
    await makeStore(dir, logger).open();
    expect(logger.lines.some((l) => l.level === 'warn' && /unreadable/.test(l.message))).toBe(true);
  });

  it('lets another store open the directory after close()', async () => {
    const dir = makeTempDir();
    const first = makeStore(dir);
    await first.open();
    await first.close();
    const second = makeStore(dir);
    await second.open();
    expect(second.isReady()).toBe(true);
  });
});
