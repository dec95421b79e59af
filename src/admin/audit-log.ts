// Append-only record of every admin mutation: JSON lines in <dataDir>/audit.log (or memory for in-memory VTNs).
import { mkdirSync } from 'node:fs';
import { appendFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { clipText } from '../clip-text.js';

export interface AuditEntry {
  time: string;
  /** Token name, 'local' without auth, 'anonymous' for a refused token or request. */
  actor: string;
  method: string;
  /** The path fastify routed (percent-decoded, no query), not the raw request line. */
  path: string;
  /** The route pattern it matched, e.g. /admin/v1/events/:eventId; absent when no route matched. */
  route?: string;
  /** The request body, shortened, with secrets masked. */
  body?: string;
  /** HTTP status and, for failures, the error code. */
  result: { status: number; code?: string };
  /** Unidentified refused calls left out since the last such line was written (over the per-minute budget). */
  suppressedBefore?: number;
}

const MAX_BODY_CHARS = 500;
const SECRET_KEYS = /token|password|secret|key/i;

/** The body as one short line; secret-looking fields are masked so the log can be shared. */
export function summariseBody(body: unknown): string | undefined {
  if (body === undefined || body === null || body === '') return undefined;
  const text = JSON.stringify(body, (k, v: unknown) => (k && SECRET_KEYS.test(k) ? '***' : v));
  return clipText(text, MAX_BODY_CHARS);
}

export class AuditLog {
  readonly path: string | undefined;
  /** Entries of this process, newest last (bounded), for tests and the dashboard. */
  readonly recent: AuditEntry[] = [];
  static readonly RECENT_LIMIT = 1000;
  /** Writes run one after another, so lines land in the order the requests were answered. */
  #tail: Promise<void> = Promise.resolve();

  constructor(path?: string) {
    this.path = path;
    if (path) mkdirSync(dirname(path), { recursive: true });
  }

  /**
   * Resolves once the line is on disk (written and flushed with fsync), so a reply sent after it never
   * acknowledges a mutation the log could lose. Rejects when the write fails; later writes still run.
   */
  append(entry: AuditEntry): Promise<void> {
    this.recent.push(entry);
    if (this.recent.length > AuditLog.RECENT_LIMIT) this.recent.shift();
    const path = this.path;
    if (!path) return Promise.resolve();
    const write = this.#tail.then(() => appendFile(path, `${JSON.stringify(entry)}\n`, { flush: true }));
    this.#tail = write.catch(() => undefined);
    return write;
  }
}
