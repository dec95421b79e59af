// Append-only record of every admin mutation: JSON lines in <dataDir>/audit.log (or memory for in-memory VTNs).
import { appendFileSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';

export interface AuditEntry {
  time: string;
  /** Token name, 'local' without auth, 'anonymous' for a refused token. */
  actor: string;
  method: string;
  path: string;
  /** The request body, shortened, with secrets masked. */
  body?: string;
  /** HTTP status and, for failures, the error code. */
  result: { status: number; code?: string };
}

const MAX_BODY_CHARS = 500;
const SECRET_KEYS = /token|password|secret|key/i;

/** The body as one short line; secret-looking fields are masked so the log can be shared. */
export function summariseBody(body: unknown): string | undefined {
  if (body === undefined || body === null || body === '') return undefined;
  const text = JSON.stringify(body, (k, v: unknown) => (k && SECRET_KEYS.test(k) ? '***' : v));
  return text.length > MAX_BODY_CHARS ? `${text.slice(0, MAX_BODY_CHARS)}… (${text.length} chars)` : text;
}

export class AuditLog {
  readonly path: string | undefined;
  /** Entries of this process, newest last (bounded), for tests and the dashboard. */
  readonly recent: AuditEntry[] = [];
  static readonly RECENT_LIMIT = 1000;

  constructor(path?: string) {
    this.path = path;
    if (path) mkdirSync(dirname(path), { recursive: true });
  }

  /** Synchronous append: an acknowledged mutation is never missing from the log. */
  append(entry: AuditEntry): void {
    this.recent.push(entry);
    if (this.recent.length > AuditLog.RECENT_LIMIT) this.recent.shift();
    if (this.path) appendFileSync(this.path, `${JSON.stringify(entry)}\n`);
  }
}
