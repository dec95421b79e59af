// LISTEN on a dedicated connection for other instances' change notices. When the connection drops it reconnects
// with backoff and then reports "everything may have changed": notifications sent meanwhile are lost.
import pg from 'pg';
import type { ChangeNotice } from '../store.js';
import type { StoreLogger } from '../store-logger.js';
import { CHANNEL, decodeNotice, EVERYTHING } from './notice-channel.js';
import { clientConfig, redactUrl } from './pg-connection.js';

const FIRST_RETRY_MS = 100;
const MAX_RETRY_MS = 5_000;

export class ChangeListener {
  readonly #url: string;
  readonly #instanceId: string;
  readonly #emit: (notice: ChangeNotice) => void;
  readonly #logger: StoreLogger;
  #client: pg.Client | undefined;
  #timer: NodeJS.Timeout | undefined;
  #retryMs = FIRST_RETRY_MS;
  #stopped = false;

  constructor(url: string, instanceId: string, emit: (notice: ChangeNotice) => void, logger: StoreLogger) {
    this.#url = url;
    this.#instanceId = instanceId;
    this.#emit = emit;
    this.#logger = logger;
  }

  /** Connects and listens; rejects when the first connection fails (the store is not usable then). */
  async start(): Promise<void> {
    this.#stopped = false;
    await this.#connect();
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    clearTimeout(this.#timer);
    const client = this.#client;
    this.#client = undefined;
    await client?.end().catch(() => undefined);
  }

  /** For tests: the backend pid of the listening connection (to terminate it). */
  async backendPid(): Promise<number | undefined> {
    const r = await this.#client?.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
    return r?.rows[0]?.pid;
  }

  async #connect(): Promise<void> {
    const client = new pg.Client(clientConfig(this.#url));
    client.on('notification', (msg) => {
      if (msg.channel !== CHANNEL) return;
      const notice = decodeNotice(this.#instanceId, msg.payload);
      if (notice) this.#emit(notice);
    });
    client.on('error', (err) => this.#lost(client, err));
    client.on('end', () => this.#lost(client, undefined));
    try {
      await client.connect();
      await client.query(`LISTEN ${CHANNEL}`);
    } catch (err) {
      client.removeAllListeners('end');
      await client.end().catch(() => undefined);
      throw err;
    }
    if (this.#stopped) {
      await client.end().catch(() => undefined);
      return;
    }
    this.#client = client;
    this.#retryMs = FIRST_RETRY_MS;
  }

  #lost(client: pg.Client, err: Error | undefined): void {
    if (this.#client !== client || this.#stopped) return;
    this.#client = undefined;
    client.end().catch(() => undefined);
    this.#logger.warn(`Lost the change-notice connection to ${redactUrl(this.#url)}${err ? `: ${err.message}` : ''}; reconnecting`);
    this.#retry();
  }

  #retry(): void {
    const delay = this.#retryMs;
    this.#retryMs = Math.min(this.#retryMs * 2, MAX_RETRY_MS);
    this.#timer = setTimeout(() => {
      this.#connect().then(
        () => {
          if (this.#stopped) return;
          this.#logger.info(`Change notices from ${redactUrl(this.#url)} resumed`);
          this.#emit(EVERYTHING);
        },
        () => this.#retry(),
      );
    }, delay);
    this.#timer.unref();
  }
}
