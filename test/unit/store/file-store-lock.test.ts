// FileStore single-process lock: refused while its holder lives, taken over from a dead one, removed on close.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { VtnError } from '../../../src/errors.js';
import { FileStore } from '../../../src/store/index.js';
import { currentBootId, processStartTicks } from '../../../src/store/process-identity.js';
import { deadPid, makeTempDir, recordingLogger, removeTempDirs } from './store-test-kit.js';

const stores: FileStore[] = [];
const children: ChildProcess[] = [];
const makeStore = (dataDir: string, logger = recordingLogger()): FileStore => {
  const store = new FileStore({ dataDir, compactIntervalMs: 0, logger });
  stores.push(store);
  return store;
};
const writeLock = (dir: string, pid: number, identity: Record<string, string | undefined> = {}): void =>
  writeFileSync(join(dir, 'vtn.lock'), JSON.stringify({ pid, startedAt: '2024-05-01T00:00:00.000Z', ...identity }));
/** What a VTN running as `pid` would have written into its lock (token aside). */
const identityOf = (pid: number) => ({ token: 'another-vtn', bootId: currentBootId(), processStart: processStartTicks(pid), host: hostname() });
const sleeper = (): ChildProcess => {
  const child = spawn('sleep', ['30'], { stdio: 'ignore' });
  children.push(child);
  return child;
};
const readLock = (dir: string) => JSON.parse(readFileSync(join(dir, 'vtn.lock'), 'utf8'));
const hasProc = process.platform === 'linux';

afterEach(async () => {
  for (const store of stores.splice(0)) await store.close();
  for (const child of children.splice(0)) child.kill('SIGKILL');
  removeTempDirs();
});

describe('FileStore lock', () => {
  it('creates a missing data directory and writes pid, start time and process identity to vtn.lock', async () => {
    const dir = join(makeTempDir(), 'nested', 'state');
    const store = makeStore(dir);
    await store.open();
    const lock = readLock(dir);
    expect(lock.pid).toBe(process.pid);
    expect(Number.isNaN(Date.parse(lock.startedAt))).toBe(false);
    expect(lock.token).toMatch(/^[0-9a-f-]{36}$/);
    if (hasProc) {
      expect(lock.bootId).toBe(currentBootId());
      expect(lock.processStart).toMatch(/^\d+$/);
    }
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

  it('refuses a lock held by another live VTN (same PID, boot and process start) and leaves its lock in place', async () => {
    const dir = makeTempDir();
    const live = sleeper();
    writeLock(dir, live.pid as number, identityOf(live.pid as number));
    const before = readFileSync(join(dir, 'vtn.lock'), 'utf8');
    const error = await makeStore(dir)
      .open()
      .catch((e: unknown) => e);
    expect((error as VtnError).code).toBe('E_STATE_LOCKED');
    expect((error as VtnError).message).toContain(`VTN process ${live.pid}`);
    expect(readFileSync(join(dir, 'vtn.lock'), 'utf8')).toBe(before);
  });

  it('refuses a lock of an older VTN (no process identity) naming a live process: liveness is all it can tell', async () => {
    const dir = makeTempDir();
    const live = sleeper();
    writeLock(dir, live.pid as number);
    const error = await makeStore(dir)
      .open()
      .catch((e: unknown) => e);
    expect((error as VtnError).code).toBe('E_STATE_LOCKED');
    expect(readLock(dir).pid).toBe(live.pid);
  });

  it.runIf(hasProc)('takes over a killed VTN\'s lock whose PID now belongs to an unrelated live process (PID reused)', async () => {
    const dir = makeTempDir();
    const unrelated = sleeper();
    const pid = unrelated.pid as number;
    // The killed VTN had this PID but started at another time than the sleep now holding it.
    writeLock(dir, pid, { ...identityOf(pid), processStart: String(Number(processStartTicks(pid)) - 1) });
    const logger = recordingLogger();
    const store = makeStore(dir, logger);
    await store.open();
    expect(store.isReady()).toBe(true);
    expect(readLock(dir).pid).toBe(process.pid);
    expect(logger.lines).toContainEqual({ level: 'warn', message: expect.stringContaining(`VTN process ${pid} (started 2024-05-01T00:00:00.000Z) is gone; its PID now belongs to another process`) });
    expect(unrelated.exitCode).toBeNull();
  });

  it.runIf(hasProc)('takes over a lock naming the test runner\'s parent process (live, but not the VTN that wrote it)', async () => {
    const dir = makeTempDir();
    writeLock(dir, process.ppid, { ...identityOf(process.ppid), processStart: '1' });
    const store = makeStore(dir);
    await store.open();
    expect(readLock(dir).pid).toBe(process.pid);
  });

  it('refuses a lock written on another host (a shared volume), even with our own PID or another boot id, and says how to clear it', async () => {
    for (const identity of [{ ...identityOf(process.pid), host: 'other-host' }, { ...identityOf(process.pid), host: 'other-host', bootId: 'another-boot' }]) {
      const dir = makeTempDir();
      writeLock(dir, process.pid, identity);
      const before = readFileSync(join(dir, 'vtn.lock'), 'utf8');
      const error = await makeStore(dir).open().catch((e: unknown) => e);
      expect((error as VtnError).code).toBe('E_STATE_LOCKED');
      expect((error as VtnError).message).toContain('on host other-host');
      expect((error as VtnError).hint).toContain(`delete ${join(dir, 'vtn.lock')}`);
      expect(readFileSync(join(dir, 'vtn.lock'), 'utf8')).toBe(before);
    }
  });

  it('takes over a lock naming this process\'s own PID that this process did not create (PID 1 again after kill -9 in a container)', async () => {
    const dir = makeTempDir();
    writeLock(dir, process.pid, identityOf(process.pid));
    const logger = recordingLogger();
    const store = makeStore(dir, logger);
    await store.open();
    expect(store.isReady()).toBe(true);
    expect(readLock(dir).token).not.toBe('another-vtn');
    expect(logger.lines).toContainEqual({ level: 'warn', message: expect.stringContaining("names this process's own PID, but this process did not create it") });
  });

  it('takes over an older VTN\'s lock (no identity) naming this process\'s own PID', async () => {
    const dir = makeTempDir();
    writeLock(dir, process.pid);
    await makeStore(dir).open();
    expect(readLock(dir).pid).toBe(process.pid);
  });

  it.runIf(hasProc)('takes over a lock written before the machine last booted, even if its PID is alive now', async () => {
    const dir = makeTempDir();
    const live = sleeper();
    writeLock(dir, live.pid as number, { ...identityOf(live.pid as number), bootId: '00000000-0000-0000-0000-000000000000' });
    const logger = recordingLogger();
    await makeStore(dir, logger).open();
    expect(readLock(dir).pid).toBe(process.pid);
    expect(logger.lines).toContainEqual({ level: 'warn', message: expect.stringContaining('ran before the machine last booted') });
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
