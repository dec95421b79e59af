// Connection details shared by the pool, the LISTEN client and the lock client: settings, a safe URL for messages,
// the "cannot reach the database" error, and advisory lock ids.
import { createHash } from 'node:crypto';
import pg, { type ClientConfig } from 'pg';
import { VtnError } from '../../errors.js';

/** How long connecting may take before the store reports the database unreachable. */
const CONNECT_TIMEOUT_MS = 10_000;

export function clientConfig(url: string): ClientConfig {
  return { connectionString: url, connectionTimeoutMillis: CONNECT_TIMEOUT_MS, keepAlive: true, application_name: 'openadr-vtn' };
}

/** The URL without its password, for logs and errors. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '(an unparsable URL)';
  }
}

export function unavailable(url: string, err: unknown): VtnError {
  const reason = err instanceof Error ? err.message || err.name : String(err);
  return new VtnError(
    'E_STORE_UNAVAILABLE',
    `Cannot use the PostgreSQL database at ${redactUrl(url)}: ${reason}`,
    'Check that the server is running and reachable from this host, and that the URL (store.url in the config, or VTN_DATABASE_URL) names an existing database with the right user and password',
  );
}

/** A stable signed 64-bit advisory lock id for `name` (as a decimal string: pg takes bigint parameters as text). */
export function advisoryLockId(name: string): string {
  return createHash('sha256').update(`openadr-vtn:${name}`).digest().readBigInt64BE(0).toString();
}

/** Whether a PostgreSQL error means "another transaction won" (serialization failure, unique violation). */
export function isRaceError(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return code === '40001' || code === '23505' || code === '40P01';
}

/** Whether an error means the database could not be reached or the connection broke (not a refused statement). */
export function isConnectionError(err: unknown): boolean {
  const e = err as { code?: unknown; message?: unknown } | null;
  const code = typeof e?.code === 'string' ? e.code : '';
  return code.startsWith('08') || code.startsWith('57P') || ['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'ENOTFOUND', 'EHOSTUNREACH', 'EPIPE'].includes(code)
    || (typeof e?.message === 'string' && /Connection terminated|timeout exceeded when trying to connect/.test(e.message));
}

/** Runs `fn` on a one-off connection to `url` (admin work: create or drop a database), always closed after. */
export async function withClient<T>(url: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}
