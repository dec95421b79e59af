// One VTN process per data directory: a lock file created with O_EXCL that records who holds it, precisely
// enough to take over a lock whose PID now belongs to someone else (PID 1 again in a container, a reused PID).
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { closeSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { VtnError } from '../errors.js';
import { currentBootId, isAlive, processStartTicks } from './process-identity.js';
import type { StoreLogger } from './store-logger.js';

export interface LockOwner {
  pid: number;
  startedAt: string;
  /** Written by this version; absent in locks of older VTNs (then only liveness is checked). */
  token?: string;
  bootId?: string;
  /** /proc/<pid>/stat field 22 of the holder; absent without /proc. */
  processStart?: string;
  /** The holder's host name: PIDs and boot ids say nothing about a process on another machine (a shared volume). */
  host?: string;
}

/** Locks this process (this JS realm) created and still holds: lock path → token. */
const heldHere = new Map<string, string>();

/** Creates `lockPath` for this process; takes over a stale lock (see staleReason); refuses a live one. */
export function acquireLock(lockPath: string, dataDir: string, logger: StoreLogger): LockOwner {
  const me: LockOwner = {
    pid: process.pid,
    startedAt: new Date().toISOString(),
    token: randomUUID(),
    bootId: currentBootId(),
    processStart: processStartTicks(process.pid),
    host: hostname(),
  };
  if (tryCreate(lockPath, me)) return me;
  const holder = readOwner(lockPath);
  const stale = holder ? staleReason(lockPath, holder) : 'its content is unreadable (left by an interrupted start)';
  if (holder && stale === undefined) throw lockedError(dataDir, holder);
  logger.warn(`Taking over ${lockPath}: ${stale}`);
  removeIfPresent(lockPath);
  if (tryCreate(lockPath, me)) return me;
  // Another process won the race for the stale lock.
  throw lockedError(dataDir, readOwner(lockPath) ?? { pid: -1, startedAt: 'unknown' });
}

/** Removes the lock if it is still ours (never another process's). */
export function releaseLock(lockPath: string, owner: LockOwner): void {
  const holder = readOwner(lockPath);
  if (holder && holder.pid === owner.pid && holder.token === owner.token && holder.startedAt === owner.startedAt) {
    removeIfPresent(lockPath);
  }
  if (heldHere.get(lockPath) === owner.token) heldHere.delete(lockPath);
}

/** Why the holder cannot be running any more, or undefined when it may be. */
function staleReason(lockPath: string, holder: LockOwner): string | undefined {
  const who = `VTN process ${holder.pid} (started ${holder.startedAt})`;
  // Written on another host (a volume shared by two containers or machines): nothing here can tell it is gone.
  if (holder.host !== undefined && holder.host !== hostname()) return undefined;
  if (holder.pid === process.pid) {
    if (holder.token !== undefined && heldHere.get(lockPath) === holder.token) return undefined;
    return `${who} names this process's own PID, but this process did not create it (a VTN killed before this one ran with the same PID, e.g. PID 1 in a container)`;
  }
  const bootId = currentBootId();
  if (holder.bootId && bootId && holder.bootId !== bootId) return `${who} ran before the machine last booted`;
  if (!isAlive(holder.pid)) return `${who} is no longer running`;
  const start = holder.processStart && processStartTicks(holder.pid);
  if (start && start !== holder.processStart) {
    return `${who} is gone; its PID now belongs to another process, started later (PID reused)`;
  }
  return undefined;
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
  heldHere.set(lockPath, owner.token as string);
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
  const optionalString = (x: unknown) => x === undefined || typeof x === 'string';
  return (
    Number.isInteger(v.pid) &&
    typeof v.startedAt === 'string' &&
    optionalString(v.token) &&
    optionalString(v.bootId) &&
    optionalString(v.processStart) &&
    optionalString(v.host)
  );
}

function lockedError(dataDir: string, holder: LockOwner): VtnError {
  return new VtnError(
    'E_STATE_LOCKED',
    `The state directory ${dataDir} is used by VTN process ${holder.pid} (started ${holder.startedAt}${holder.host !== undefined && holder.host !== hostname() ? ` on host ${holder.host}` : ''})`,
    holder.host !== undefined && holder.host !== hostname()
      ? `stop it, or if no VTN runs on ${holder.host} any more, delete ${join(dataDir, 'vtn.lock')}; or use another --data-dir`
      : 'stop it or use another --data-dir',
  );
}
