// Singleton locks as session advisory locks on one dedicated connection: held while that connection lives. When it
// errors or ends the locks are gone (another instance can take them): holds() says false and the next call reconnects.
import pg from 'pg';
import type { StoreLogger } from '../store-logger.js';
import { advisoryLockId, clientConfig, redactUrl } from './pg-connection.js';

export class AdvisoryLocks {
  readonly #url: string;
  readonly #logger: StoreLogger;
  #client: pg.Client | undefined;
  #connecting: Promise<pg.Client> | undefined;
  readonly #held = new Set<string>();
  /** Set when a session holding locks died: the next call says false before reconnecting (another instance's turn). */
  #lost = false;

  constructor(url: string, logger: StoreLogger) {
    this.#url = url;
    this.#logger = logger;
  }

  /** True while this instance holds `name`; tries to take it when free. Never throws: an unreachable database holds nothing. */
  async holds(name: string): Promise<boolean> {
    if (this.#lost) {
      this.#lost = false;
      return false;
    }
    let client: pg.Client;
    try {
      client = await this.#session();
    } catch (err) {
      this.#logger.warn(`Cannot take the lock "${name}" at ${redactUrl(this.#url)}: ${(err as Error).message}`);
      return false;
    }
    try {
      // Held: a round trip proves the session (and so the lock) is still alive.
      if (this.#held.has(name)) {
        await client.query('SELECT 1');
        return this.#client === client && this.#held.has(name);
      }
      const { rows } = await client.query<{ ok: boolean }>('SELECT pg_try_advisory_lock($1) AS ok', [advisoryLockId(name)]);
      // The session may have died while the query ran: a lock on a dead session is no lock.
      if (rows[0]?.ok !== true || this.#client !== client) return false;
      this.#held.add(name);
      return true;
    } catch {
      return false;
    }
  }

  /** Ends the session, releasing every lock. */
  async close(): Promise<void> {
    const client = this.#client ?? (await this.#connecting?.catch(() => undefined));
    this.#held.clear();
    this.#drop(client);
    await client?.end().catch(() => undefined);
  }

  /** For tests: the backend pid of the lock session. */
  async backendPid(): Promise<number | undefined> {
    const r = await this.#client?.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
    return r?.rows[0]?.pid;
  }

  #session(): Promise<pg.Client> {
    if (this.#client) return Promise.resolve(this.#client);
    this.#connecting ??= (async () => {
      const client = new pg.Client(clientConfig(this.#url));
      client.on('error', () => this.#drop(client));
      client.on('end', () => this.#drop(client));
      try {
        await client.connect();
      } catch (err) {
        await client.end().catch(() => undefined);
        throw err;
      }
      this.#client = client;
      return client;
    })().finally(() => {
      this.#connecting = undefined;
    });
    return this.#connecting;
  }

  #drop(client: pg.Client | undefined): void {
    if (!client || this.#client !== client) return;
    if (this.#held.size > 0) {
      this.#lost = true;
      this.#logger.warn(`Lost the lock session to ${redactUrl(this.#url)}: released ${[...this.#held].join(', ')}`);
    }
    this.#held.clear();
    this.#client = undefined;
    client.end().catch(() => undefined);
  }
}
