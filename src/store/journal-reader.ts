// Streams a journal back for replay, line by line (never the whole file as one string): a torn last line
// (process killed mid-write) is dropped, damage elsewhere is an error.
import { truncateSync } from 'node:fs';
import { VtnError } from '../errors.js';
import { forEachLine, MAX_LINE_BYTES, type LinesRead } from './line-reader.js';
import type { StoreLogger } from './store-logger.js';

export interface JournalEntry {
  c: string;
  k: string;
  /** Absent for a delete. */
  v?: unknown;
}

/**
 * Streams the journal at `path` (nothing if missing) into `apply`, entry by entry in write order, and returns
 * how many were applied; cuts a torn tail off the file so appends stay line-aligned. `readOnly` (a reader beside
 * a running VTN) changes nothing on disk and skips lines it cannot use.
 */
export async function replayJournal(
  path: string,
  apply: (entry: JournalEntry) => void,
  logger: StoreLogger,
  options: { readOnly?: boolean } = {},
): Promise<number> {
  let applied = 0;
  let read: LinesRead;
  try {
    read = await forEachLine(path, {
      line(text, lineNumber) {
        if (text.trim() === '') return;
        let entries: JournalEntry[];
        try {
          entries = parseLine(path, lineNumber, text);
        } catch (e) {
          if (options.readOnly) return;
          throw e;
        }
        for (const entry of entries) apply(entry);
        applied += entries.length;
      },
      tooLong(lineNumber, bytes) {
        if (options.readOnly) return;
        throw corruptLine(path, lineNumber, `${bytes} bytes long, over the ${MAX_LINE_BYTES}-byte limit of one record`);
      },
    });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return 0;
    throw e;
  }
  if (read.tailBytes > 0 && !options.readOnly) {
    logger.warn(
      `Journal ${path}: dropped an incomplete last line (${read.tailBytes} bytes) left by an interrupted write; ` +
        'that change was never acknowledged',
    );
    truncateSync(path, read.completeBytes);
  }
  return applied;
}

// One change, or one unit of work's changes (`{"u":[…]}`), applied together or not at all.
function parseLine(path: string, lineNumber: number, line: string): JournalEntry[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(line);
  } catch (e) {
    throw corruptLine(path, lineNumber, (e as Error).message);
  }
  const unit = (parsed as { u?: unknown } | null)?.u;
  if (Array.isArray(unit)) return unit.map((entry) => parseEntry(path, lineNumber, entry));
  return [parseEntry(path, lineNumber, parsed)];
}

function parseEntry(path: string, lineNumber: number, parsed: unknown): JournalEntry {
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw corruptLine(path, lineNumber, 'not a JSON object');
  }
  const entry = parsed as Record<string, unknown>;
  if (typeof entry.c !== 'string' || entry.c === '' || typeof entry.k !== 'string') {
    throw corruptLine(path, lineNumber, 'missing the collection name "c" or the key "k"');
  }
  return 'v' in entry ? { c: entry.c, k: entry.k, v: entry.v } : { c: entry.c, k: entry.k };
}

function corruptLine(path: string, lineNumber: number, reason: string): VtnError {
  return new VtnError(
    'E_STATE_CORRUPT',
    `Journal ${path} line ${lineNumber} is damaged: ${reason}`,
    `this is not an interrupted write (only the last line can be torn); stop the VTN, inspect the file and repair or ` +
      `remove line ${lineNumber} (later lines may depend on it), then start again`,
  );
}
