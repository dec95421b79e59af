// The append-only journal: one JSON line per change, written synchronously so it is on disk (page cache) when put() returns.
// A process kill cannot lose page-cache data; surviving power loss needs `fsync: true` (one fsync per change).
import { closeSync, existsSync, fsyncSync, openSync, readFileSync, renameSync, truncateSync, writeSync } from 'node:fs';
import { fsyncDirectory } from './fsync-directory.js';

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

  /** Writes `{"c":collection,"k":key,"v":value}` (no `v` for a delete); throws if the value is not JSON. */
  append(collection: string, key: string, value: unknown): void {
    if (this.#fd === undefined) throw new Error(`Journal ${this.path} is not open`);
    let line = `{"c":${JSON.stringify(collection)},"k":${JSON.stringify(key)}`;
    if (value !== undefined) {
      const json = JSON.stringify(value);
      if (json === undefined) {
        throw new TypeError(`Cannot store ${typeof value} in "${collection}"/"${key}": records must be JSON values`);
      }
      line += `,"v":${json}`;
    }
    writeFully(this.#fd, Buffer.from(line + '}\n', 'utf8'));
    if (this.#fsync) fsyncSync(this.#fd);
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
        appendFileFully(previousPath, readFileSync(this.path), this.#fsync);
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

function writeFully(fd: number, bytes: Buffer): void {
  let offset = 0;
  while (offset < bytes.length) offset += writeSync(fd, bytes, offset, bytes.length - offset);
}

function appendFileFully(path: string, bytes: Buffer, fsync: boolean): void {
  const fd = openSync(path, 'a');
  try {
    writeFully(fd, bytes);
    if (fsync) fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}
