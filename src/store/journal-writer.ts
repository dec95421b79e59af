// The append-only journal: one JSON line per unit of work, written synchronously before the unit commits. The units
// committing in one event-loop turn go out in one write (and one fsync with `fsync: true`, which survives power loss;
// without it, a process kill still cannot lose page-cache data).
import { closeSync, existsSync, fstatSync, fsyncSync, ftruncateSync, openSync, readSync, renameSync, truncateSync, writeSync } from 'node:fs';
import { fsyncDirectory } from './fsync-directory.js';
import { MAX_LINE_BYTES } from './line-reader.js';

export class JournalWriter {
  readonly path: string;
  readonly #fsync: boolean;
  #fd: number | undefined;
  /** Bytes in the file: a failed append is cut back to this, so no part of it replays. */
  #size = 0;

  constructor(path: string, options: { fsync: boolean }) {
    this.path = path;
    this.#fsync = options.fsync;
  }

  open(): void {
    if (this.#fd !== undefined) return;
    this.#fd = openSync(this.path, 'a');
    this.#size = fstatSync(this.#fd).size;
  }

  /**
   * One unit of work as one line, so a torn write loses the whole unit, never half of it:
   * `{"c":collection,"k":key,"v":value}` (no `v` for a delete) for one change, `{"u":[…those…]}` for several.
   * Throws if a value is not JSON or the line is too large to read back.
   */
  encodeUnit(changes: readonly JournalChange[]): Buffer {
    if (changes.length === 0) return EMPTY;
    const entries = changes.map((c) => entryJson(c.collection, c.key, c.value));
    const line = entries.length === 1 ? entries[0]! : `{"u":[${entries.join(',')}]}`;
    const bytes = Buffer.from(line + '\n', 'utf8');
    if (bytes.length > MAX_LINE_BYTES) {
      // The reader refuses such a line as damage, so it is never written.
      const first = changes[0]!;
      throw new RangeError(`Cannot store "${first.collection}"/"${first.key.slice(0, 64)}": ${bytes.length} bytes, over the ${MAX_LINE_BYTES}-byte record limit`);
    }
    return bytes;
  }

  /**
   * Appends encoded units in one write (and one fsync). All or nothing: should the write fail, the file is cut
   * back to its size before it, so a unit whose commit failed cannot come back at the next start.
   */
  appendEncoded(lines: readonly Buffer[]): void {
    if (this.#fd === undefined) throw new Error(`Journal ${this.path} is not open`);
    const bytes = lines.length === 1 ? lines[0]! : Buffer.concat(lines);
    if (bytes.length === 0) return;
    try {
      writeFully(this.#fd, bytes);
      if (this.#fsync) fsyncSync(this.#fd);
    } catch (e) {
      try {
        ftruncateSync(this.#fd, this.#size);
      } catch {
        // Cannot cut it back: the reader still drops a torn last line, and this write's error is what matters.
      }
      throw e;
    }
    this.#size += bytes.length;
  }

  /** Encodes and appends one unit; throws (writing nothing) as encodeUnit and appendEncoded do. */
  appendUnit(changes: readonly JournalChange[]): void {
    this.appendEncoded([this.encodeUnit(changes)]);
  }

  append(collection: string, key: string, value: unknown): void {
    this.appendUnit([{ collection, key, value }]);
  }

  /**
   * Moves the entries written so far to `previousPath` (appending if a failed compaction left one there)
   * and starts an empty journal; the previous file is deleted once a snapshot includes its entries.
   */
  rotateTo(previousPath: string): void {
    this.close();
    try {
      if (!existsSync(this.path)) return;
      if (existsSync(previousPath)) {
        appendFileTo(this.path, previousPath, this.#fsync);
        // Entries now in both files replay twice, harmlessly: each line carries the full value.
        truncateSync(this.path, 0);
      } else {
        renameSync(this.path, previousPath);
      }
      if (this.#fsync) fsyncDirectory(this.path);
    } finally {
      this.open();
    }
  }

  close(): void {
    if (this.#fd === undefined) return;
    closeSync(this.#fd);
    this.#fd = undefined;
  }
}

export interface JournalChange {
  collection: string;
  key: string;
  /** undefined = delete. */
  value: unknown;
}

const EMPTY = Buffer.alloc(0);

function entryJson(collection: string, key: string, value: unknown): string {
  let line = `{"c":${JSON.stringify(collection)},"k":${JSON.stringify(key)}`;
  if (value !== undefined) {
    const json = JSON.stringify(value);
    if (json === undefined) {
      throw new TypeError(`Cannot store ${typeof value} in "${collection}"/"${key}": records must be JSON values`);
    }
    line += `,"v":${json}`;
  }
  return line + '}';
}

function writeFully(fd: number, bytes: Buffer): void {
  let offset = 0;
  while (offset < bytes.length) offset += writeSync(fd, bytes, offset, bytes.length - offset);
}

/** Appends the file `from` to the file `to` in 1 MiB pieces (a journal can be larger than one Buffer). */
function appendFileTo(from: string, to: string, fsync: boolean): void {
  const input = openSync(from, 'r');
  const output = openSync(to, 'a');
  try {
    const piece = Buffer.allocUnsafe(1024 * 1024);
    for (let n = readSync(input, piece); n > 0; n = readSync(input, piece)) writeFully(output, piece.subarray(0, n));
    if (fsync) fsyncSync(output);
  } finally {
    closeSync(output);
    closeSync(input);
  }
}
