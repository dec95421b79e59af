// Reads a file line by line in fixed-size chunks, so no string is ever larger than one line (and no line
// larger than maxLineBytes is ever built): state files of any size open with bounded memory.
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
  // The current line's bytes from earlier chunks; dropped once the line is known to be too long.
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  let lineNumber = 0;
  let completeBytes = 0;
  try {
    for (;;) {
      const { bytesRead } = await file.read(chunk, 0, CHUNK_BYTES, null);
      if (bytesRead === 0) break;
      const view = chunk.subarray(0, bytesRead);
      let start = 0;
      for (let nl = view.indexOf(0x0a); nl !== -1; nl = view.indexOf(0x0a, start)) {
        lineNumber += 1;
        const bytes = pendingBytes + (nl - start);
        if (bytes > maxLineBytes) handlers.tooLong(lineNumber, bytes);
        else handlers.line(lineText(pending, view, start, nl), lineNumber);
        completeBytes += bytes + 1;
        pending = [];
        pendingBytes = 0;
        start = nl + 1;
      }
      if (start < bytesRead) {
        pendingBytes += bytesRead - start;
        // A copy: the chunk buffer is reused by the next read.
        if (pendingBytes <= maxLineBytes) pending.push(Buffer.from(view.subarray(start)));
        else pending = [];
      }
    }
  } finally {
    await file.close();
  }
  return { completeBytes, tailBytes: pendingBytes, lines: lineNumber };
}

function lineText(pending: Buffer[], chunk: Buffer, start: number, end: number): string {
  if (pending.length === 0) return chunk.toString('utf8', start, end);
  return Buffer.concat([...pending, chunk.subarray(start, end)]).toString('utf8');
}
