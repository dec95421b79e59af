// The lowdb adapter for vtn.json: written record by record (temp file, optional fsync, rename) and read back
// line by line, so the snapshot is never one string. A snapshot in the older one-document layout (lowdb's
// JSONFile, pretty-printed) is read the old way once; the next compaction rewrites it line per record.
import { constants as bufferLimits } from 'node:buffer';
import { copyFile, link, open, rename, rm, stat, type FileHandle } from 'node:fs/promises';
import type { Adapter } from 'lowdb';
import { JSONFile } from 'lowdb/node';
import { fsyncDirectory } from './fsync-directory.js';
import { forEachLine, MAX_LINE_BYTES } from './line-reader.js';
import { isLineLayout, snapshotPieces, SnapshotLineParser, type SnapshotDocument } from './snapshot-layout.js';
import { legacyDocument } from './legacy-snapshot.js';

/** Text handed to one write at most: large enough to be fast, small enough to keep memory flat. */
const WRITE_BATCH_CHARS = 1024 * 1024;
/** Encoding time before the next write, whose wait gives the event loop a turn: a poll waits behind a compaction this long at most. */
const SLICE_MS = 4;
/** Records encoded between two looks at the clock. */
const CLOCK_EVERY = 32;
/** An older-layout file up to this size decodes into one string (the old code could not write a larger one). */
export const LEGACY_MAX_BYTES = bufferLimits.MAX_STRING_LENGTH;

/** Thrown by write() when its stop condition became true between two batches; the old file is untouched. */
export class SnapshotWriteStopped extends Error {}

export class StreamedSnapshotAdapter implements Adapter<SnapshotDocument> {
  readonly path: string;
  readonly #fsync: boolean;
  readonly #backupPath: string | undefined;
  /** Checked between batches: a write that would overrun the VTN's stop is abandoned (the journal keeps everything). */
  shouldStop: () => boolean = () => false;

  readonly #only: string | undefined;
  readonly #now: () => number;
  /** What the last complete write() did: how many file writes (each one a turn of the event loop) and bytes. */
  lastWrite: { writes: number; bytes: number } | undefined;

  /** With `backupPath`, each write keeps the file it replaces there; with `only`, read() keeps that collection alone. */
  constructor(path: string, options: { fsync: boolean; backupPath?: string; only?: string; now?: () => number }) {
    this.path = path;
    this.#fsync = options.fsync;
    this.#backupPath = options.backupPath;
    this.#only = options.only;
    this.#now = options.now ?? (() => performance.now());
  }

  /** The document, or null when there is no file (or the old layout holds `null`); throws a reason on damage. */
  async read(): Promise<SnapshotDocument | null> {
    const first = await firstLine(this.path);
    if (first === undefined) return null;
    if (!isLineLayout(first)) return this.#readLegacy();
    const parser = new SnapshotLineParser(this.#only);
    const read = await forEachLine(this.path, {
      line: (text, lineNumber) => parser.line(text, lineNumber),
      tooLong: (lineNumber, bytes) => {
        throw new Error(`line ${lineNumber}: ${bytes} bytes long, over the ${MAX_LINE_BYTES}-byte limit of one record`);
      },
    });
    return parser.end(read.tailBytes);
  }

  async write(doc: SnapshotDocument): Promise<void> {
    const temporary = `${this.path}.tmp`;
    const file = await open(temporary, 'w');
    try {
      let batch: string[] = [];
      let chars = 0;
      let writes = 0;
      let bytes = 0;
      let sliceStart = this.#now();
      for (const piece of snapshotPieces(doc)) {
        batch.push(piece);
        chars += piece.length;
        if (chars < WRITE_BATCH_CHARS && (batch.length % CLOCK_EVERY !== 0 || this.#now() - sliceStart < SLICE_MS)) continue;
        if (this.shouldStop()) throw new SnapshotWriteStopped(`writing ${this.path} was stopped before it was complete`);
        bytes += await writeAll(file, batch.join(''));
        writes += 1;
        batch = [];
        chars = 0;
        sliceStart = this.#now();
      }
      bytes += await writeAll(file, batch.join(''));
      this.lastWrite = { writes: writes + 1, bytes };
      if (this.#fsync) await file.sync();
    } catch (e) {
      await file.close();
      await rm(temporary, { force: true });
      throw e;
    }
    await file.close();
    if (this.#backupPath !== undefined) await keepAsBackup(this.path, this.#backupPath);
    await rename(temporary, this.path);
    if (this.#fsync) fsyncDirectory(this.path);
  }

  async #readLegacy(): Promise<SnapshotDocument | null> {
    const { size } = await stat(this.path);
    if (size > LEGACY_MAX_BYTES) {
      throw new Error(`it is ${size} bytes in the older one-document layout, more than one string can hold (${LEGACY_MAX_BYTES})`);
    }
    const data = await new JSONFile<unknown>(this.path).read();
    return data === null ? null : legacyDocument(data);
  }
}

/**
 * The backup is a hard link to the file about to be replaced (instant at any size: a snapshot is only ever
 * replaced by rename, never changed in place); a copy where the file system has no hard links.
 */
async function keepAsBackup(path: string, backupPath: string): Promise<void> {
  if (!(await exists(path))) return;
  const temporary = `${backupPath}.tmp`;
  await rm(temporary, { force: true });
  try {
    await link(path, temporary);
  } catch (e) {
    if (!['EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'EXDEV', 'EMLINK', 'ENOSYS'].includes((e as NodeJS.ErrnoException).code ?? '')) throw e;
    await copyFile(path, temporary);
  }
  await rename(temporary, backupPath);
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    (e: NodeJS.ErrnoException) => {
      if (e.code === 'ENOENT') return false;
      throw e;
    },
  );
}

/** The file's first line (all of its first 64 KiB if no '\n' is in them); undefined when it does not exist. */
async function firstLine(path: string): Promise<string | undefined> {
  let file;
  try {
    file = await open(path, 'r');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw e;
  }
  try {
    const head = Buffer.alloc(64 * 1024);
    const { bytesRead } = await file.read(head, 0, head.length, 0);
    const end = head.subarray(0, bytesRead).indexOf(0x0a);
    return head.toString('utf8', 0, end === -1 ? bytesRead : end);
  } finally {
    await file.close();
  }
}

/** Writes all of `text`; returns its length in bytes. */
async function writeAll(file: FileHandle, text: string): Promise<number> {
  const bytes = Buffer.from(text, 'utf8');
  for (let offset = 0; offset < bytes.length; ) offset += (await file.write(bytes, offset)).bytesWritten;
  return bytes.length;
}
