// Segment files: one append-only NDJSON file per UTC hour of arrival, named so that names sort by time.
import { closeSync, ftruncateSync, openSync, readdirSync } from 'node:fs';
import { forEachLineSync } from '../store/line-reader.js';

const SEGMENT_RE = /^\d{4}-\d{2}-\d{2}T\d{2}\.ndjson$/;

/** e.g. 2024-05-01T13.ndjson for any arrival time within 13:00–13:59 UTC. */
export function segmentName(at: Date): string {
  return `${at.toISOString().slice(0, 13)}.ndjson`;
}

/** Segment names in the directory, oldest first. */
export function listSegments(dir: string): string[] {
  return readdirSync(dir).filter((n) => SEGMENT_RE.test(n)).sort();
}

export interface SegmentContent {
  lines: string[];
  /** Bytes kept on disk after repair. */
  bytes: number;
  /** Bytes of an unterminated last line cut off (a write interrupted by a crash). */
  tornBytes: number;
  /** Lines over the store's record limit, skipped unread (never written by this VTN). */
  tooLongLines: number;
}

/**
 * Read complete lines, chunk by chunk (a segment may be larger than one string); a torn tail is truncated so
 * the next append starts on a fresh line.
 */
export function readSegment(path: string): SegmentContent {
  const lines: string[] = [];
  let tooLongLines = 0;
  const read = forEachLineSync(path, {
    line: (text) => {
      if (text.length > 0) lines.push(text);
    },
    tooLong: () => {
      tooLongLines += 1;
    },
  });
  if (read.tailBytes > 0) {
    const fd = openSync(path, 'r+');
    try {
      ftruncateSync(fd, read.completeBytes);
    } finally {
      closeSync(fd);
    }
  }
  return { lines, bytes: read.completeBytes, tornBytes: read.tailBytes, tooLongLines };
}
