// Segment files: one append-only NDJSON file per UTC hour of arrival, named so that names sort by time.
import { closeSync, ftruncateSync, openSync, readdirSync, readFileSync } from 'node:fs';

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
}

/** Read complete lines; a torn tail is truncated so the next append starts on a fresh line. */
export function readSegment(path: string): SegmentContent {
  const buf = readFileSync(path);
  const end = buf.lastIndexOf(0x0a) + 1;
  if (end < buf.length) {
    const fd = openSync(path, 'r+');
    try {
      ftruncateSync(fd, end);
    } finally {
      closeSync(fd);
    }
  }
  const lines = buf.subarray(0, end).toString('utf8').split('\n').filter((l) => l.length > 0);
  return { lines, bytes: end, tornBytes: buf.length - end };
}
