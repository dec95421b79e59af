// One VTN process per data directory: a lock file created with O_EXCL that records who holds it.
import { closeSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import { VtnError } from '../errors.js';
import type { StoreLogger } from './store-logger.js';

export interface LockOwner {
  pid: number;
  startedAt: string;
}

/** Creates `lockPath` for this process; takes over a lock whose process is gone; refuses a live one. */
export function acquireLock(lockPath: string, dataDir: string, logger: StoreLogger): LockOwner {
  const me: LockOwner = { pid: process.pid, startedAt: new Date().toISOString() };
  if (tryCreate(lockPath, me)) return me;
  const holder = readOwner(lockPath);
  if (holder && isAlive(holder.pid)) throw lockedError(dataDir, holder);
  logger.warn(
    holder
      ? `Taking over ${lockPath}: VTN process ${holder.pid} (started ${holder.startedAt}) is no longer running`
      : `Taking over ${lockPath}: its content is unreadable (left by an interrupted start)`,
  );
  removeIfPresent(lockPath);
  if (tryCreate(lockPath, me)) return me;
  // Another process won the race for the stale lock.
  const winner = readOwner(lockPath);
  throw lockedError(dataDir, winner ?? { pid: -1, startedAt: 'unknown' });
}

/** Removes the lock if it is still ours (never another process's). */
export function releaseLock(lockPath: string, owner: LockOwner): void {
  const holder = readOwner(lockPath);
  if (holder && holder.pid === owner.pid && holder.startedAt === owner.startedAt) removeIfPresent(lockPath);
}

function removeIfPresent(lockPath: string): void {
  try {
    unlinkSync(lockPath);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
  }
}

function tryCreate(lockPath: string, owner: LockOwner): boolean {
  let fd: number;
  try {
    fd = openSync(lockPath, 'wx');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw e;
  }
  try {
    writeSync(fd, JSON.stringify(owner) + '\n');
  } finally {
    closeSync(fd);
  }
  return true;
}

function readOwner(lockPath: string): LockOwner | undefined {
  try {
    const parsed: unknown = JSON.parse(readFileSync(lockPath, 'utf8'));
    if (isOwner(parsed)) return parsed;
  } catch {
    // Missing or half-written: treated as no owner.
  }
  return undefined;
}

function isOwner(value: unknown): value is LockOwner {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return Number.isInteger(v.pid) && typeof v.startedAt === 'string';
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    // EPERM: the process exists but belongs to another user.
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function lockedError(dataDir: string, holder: LockOwner): VtnError {
  return new VtnError(
    'E_STATE_LOCKED',
    `The state directory ${dataDir} is used by VTN process ${holder.pid} (started ${holder.startedAt})`,
    'stop it or use another --data-dir',
  );
}
