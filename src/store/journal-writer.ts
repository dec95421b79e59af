// The append-only journal: one JSON line per change, written synchronously so it is on disk (page cache) when put() returns.
// A process kill cannot lose page-cache data; surviving power loss needs `fsync: true` (one fsync per change).
import { closeSync, existsSync, fsyncSync, openSync, readSync, renameSync, truncateSync, writeSync } from 'node:fs';
import { fsyncDirectory } from './fsync-directory.js';
import { MAX_LINE_BYTES } from './line-reader.js';

export class JournalWriter {
  readonly path: string;
  readonly #fsync: boolean;
  #fd: number | undefined;

  constructor(path: string, options: { fsync: boolean }) {
    this.path = path;
    this.#fsync = options.fsync;
  }

  open(): void {
    if (this.#fd === undefined) this.#fd = openSync(this.path, 'a');
  }

  /**
   * Writes one unit of work as one line, so a torn write loses the whole unit, never half of it:
   * `{"c":collection,"k":key,"v":value}` (no `v` for a delete) for one change, `{"u":[…those…]}` for several.
   * Throws (writing nothing) if a value is not JSON or the line is too large to read back.
   */
  appendUnit(changes: readonly { collection: string; key: string; value: unknown }[]): void {
    if (this.#fd === undefined) throw new Error(`Journal ${this.path} is not open`);
    if (changes.length === 0) return;
    const entries = changes.map((c) => entryJson(c.collection, c.key, c.value));
    const line = entries.length === 1 ? entries[0]! : `{"u":[${entries.join(',')}]}`;
    const bytes = Buffer.from(line + '\n', 'utf8');
    if (bytes.length > MAX_LINE_BYTES) {
      // The reader refuses such a line as damage, so it is never written (nothing is changed).
      const first = changes[0]!;
      throw new RangeError(`Cannot store "${first.collection}"/"${first.key.slice(0, 64)}": ${bytes.length} bytes, over the ${MAX_LINE_BYTES}-byte record limit`);
    }
    writeFully(this.#fd, bytes);
    if (this.#fsync) fsyncSync(this.#fd);
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
