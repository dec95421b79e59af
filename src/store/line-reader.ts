// Reads a file line by line in fixed-size chunks, so no string is ever larger than one line (and no line
// larger than maxLineBytes is ever built): state files of any size open with bounded memory.
import { closeSync, openSync, readSync } from 'node:fs';
import { open } from 'node:fs/promises';

/** The longest journal or snapshot line the store writes or reads (one record); longer ones are damage. */
export const MAX_LINE_BYTES = 64 * 1024 * 1024;
const CHUNK_BYTES = 1024 * 1024;

export interface LineHandlers {
  /** One complete line (without its '\n'), numbered from 1; throwing stops the read. */
  line(text: string, lineNumber: number): void;
  /** A '\n'-terminated line longer than the maximum was skipped unread; throwing stops the read. */
  tooLong(lineNumber: number, bytes: number): void;
}

export interface LinesRead {
  /** Byte length of the file up to and including its last '\n'. */
  completeBytes: number;
  /** Bytes after the last '\n' (an unterminated last line; not passed to the handlers). */
  tailBytes: number;
  /** Number of complete lines seen. */
  lines: number;
}

/** Calls the handlers for each line of `path` in order; throws ENOENT for a missing file. */
export async function forEachLine(path: string, handlers: LineHandlers, maxLineBytes = MAX_LINE_BYTES): Promise<LinesRead> {
  const file = await open(path, 'r');
  const chunk = Buffer.allocUnsafe(CHUNK_BYTES);
  const splitter = new LineSplitter(handlers, maxLineBytes);
  try {
    for (;;) {
      const { bytesRead } = await file.read(chunk, 0, CHUNK_BYTES, null);
      if (bytesRead === 0) break;
      splitter.push(chunk.subarray(0, bytesRead));
    }
  } finally {
    await file.close();
  }
  return splitter.result();
}

/** forEachLine for synchronous callers (same chunks, same bounds). */
export function forEachLineSync(path: string, handlers: LineHandlers, maxLineBytes = MAX_LINE_BYTES): LinesRead {
  const fd = openSync(path, 'r');
  const chunk = Buffer.allocUnsafe(CHUNK_BYTES);
  const splitter = new LineSplitter(handlers, maxLineBytes);
  try {
    for (let n = readSync(fd, chunk); n > 0; n = readSync(fd, chunk)) splitter.push(chunk.subarray(0, n));
  } finally {
    closeSync(fd);
  }
  return splitter.result();
}

/** Cuts a stream of chunks into lines; a line's bytes are kept only while it is within the maximum. */
class LineSplitter {
  readonly #handlers: LineHandlers;
  readonly #max: number;
  /** The current line's bytes from earlier chunks; dropped once the line is known to be too long. */
  #pending: Buffer[] = [];
  #pendingBytes = 0;
  #lineNumber = 0;
  #completeBytes = 0;

  constructor(handlers: LineHandlers, maxLineBytes: number) {
    this.#handlers = handlers;
    this.#max = maxLineBytes;
  }

  /** `view` is only valid during the call (the caller reuses its buffer). */
  push(view: Buffer): void {
    let start = 0;
    for (let nl = view.indexOf(0x0a); nl !== -1; nl = view.indexOf(0x0a, start)) {
      this.#lineNumber += 1;
      const bytes = this.#pendingBytes + (nl - start);
      if (bytes > this.#max) this.#handlers.tooLong(this.#lineNumber, bytes);
      else this.#handlers.line(this.#text(view, start, nl), this.#lineNumber);
      this.#completeBytes += bytes + 1;
      this.#pending = [];
      this.#pendingBytes = 0;
      start = nl + 1;
    }
    if (start === view.length) return;
    this.#pendingBytes += view.length - start;
    if (this.#pendingBytes <= this.#max) this.#pending.push(Buffer.from(view.subarray(start)));
    else this.#pending = [];
  }

  result(): LinesRead {
    return { completeBytes: this.#completeBytes, tailBytes: this.#pendingBytes, lines: this.#lineNumber };
  }

  #text(view: Buffer, start: number, end: number): string {
    if (this.#pending.length === 0) return view.toString('utf8', start, end);
    return Buffer.concat([...this.#pending, view.subarray(start, end)]).toString('utf8');
  }
}
