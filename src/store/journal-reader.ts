// Reads a journal back for replay: a torn last line (process killed mid-write) is dropped, damage elsewhere is an error.
import { readFileSync, truncateSync } from 'node:fs';
import { VtnError } from '../errors.js';
import type { StoreLogger } from './store-logger.js';

export interface JournalEntry {
  c: string;
  k: string;
  /** Absent for a delete. */
  v?: unknown;
}

/** Entries of the journal at `path` in write order ([] if missing); cuts a torn tail off the file so appends stay line-aligned. */
export function readJournal(path: string, logger: StoreLogger): JournalEntry[] {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw e;
  }
  const complete = bytes.lastIndexOf(0x0a) + 1;
  if (complete < bytes.length) {
    logger.warn(
      `Journal ${path}: dropped an incomplete last line (${bytes.length - complete} bytes) left by an interrupted write; ` +
        'that change was never acknowledged',
    );
    truncateSync(path, complete);
  }
  const lines = bytes.subarray(0, complete).toString('utf8').split('\n');
  const entries: JournalEntry[] = [];
  lines.forEach((line, index) => {
    if (line.trim() === '') return;
    entries.push(parseEntry(path, index + 1, line));
  });
  return entries;
}

function parseEntry(path: string, lineNumber: number, line: string): JournalEntry {
  let parsed: unknown;
  try {
    parsed = JSON.parse(line);
  } catch (e) {
    throw corruptLine(path, lineNumber, (e as Error).message);
  }
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
