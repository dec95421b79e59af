// Change notices sent after their commit, for the hot collections a fan-out writes (deliveries, presence …):
// a NOTIFY inside a commit holds PostgreSQL's one notify lock until the commit record is flushed, which made every
// notifying commit wait for the one before it (one WAL flush per commit, no group commit). Sent here instead in
// one statement per batch with synchronous_commit off (a notice needs no flush), coalesced while one is in flight
// and merged into as few payloads as fit (mergedPayloads): each payload is one more delivery to every listener.
import type { StoreLogger } from '../store-logger.js';
import type { ChangeNotice } from '../store.js';
import { CHANNEL, mergedPayloads } from './notice-channel.js';
import type { Query } from './pg-row-source.js';

/** Collections whose commits send their notice afterwards (what other instances do with it tolerates a late one). */
export const NOTICE_AFTER_COMMIT: ReadonlySet<string> = new Set(['deliveries', 'presence', 'replayNonces', 'pushStatus']);

/** Notices waiting while the database is unreachable; past this they collapse into one "anything changed". */
const MAX_WAITING = 1000;
const EVERYTHING_LOCAL: ChangeNotice = { collections: ['*'], venIds: ['*'], origin: 'local' };

const SEND_SQL = `SELECT set_config('synchronous_commit', 'off', true), pg_notify($1, p) FROM unnest($2::text[]) AS p`;

/**
 * ms from one statement to the next at least: a fan-out's notices then go as one statement per gap instead of one
 * per round trip (each also comes back to every listener, this instance's own included). A lone notice goes at once.
 * 50, not 10: a 10,000-VEN push fan-out on PostgreSQL took 6.7-8.1 s instead of 9.2-9.4 s (same machine, alternating
 * runs), and a late notice of these collections only delays another instance's cache drop by that much.
 */
const DEFAULT_GAP_MS = 50;

export class NoticeSender {
  readonly #query: Query;
  readonly #instanceId: string;
  readonly #logger: StoreLogger;
  #waiting: ChangeNotice[] = [];
  #sending: Promise<void> | undefined;
  /** Statements sent (each carries every notice queued meanwhile). */
  statements = 0;

  readonly #gapMs: number;
  #lastSentAt = -Infinity;

  constructor(query: Query, instanceId: string, logger: StoreLogger, gapMs = DEFAULT_GAP_MS) {
    this.#query = query;
    this.#instanceId = instanceId;
    this.#logger = logger;
    this.#gapMs = gapMs;
  }

  /** Queues the notice; sent with the others queued meanwhile. */
  send(notice: ChangeNotice): void {
    this.#waiting.push(notice);
    if (this.#waiting.length > MAX_WAITING) this.#waiting = [EVERYTHING_LOCAL];
    this.#sending ??= this.#drain();
  }

  /** Resolves when everything queued so far was sent (or given up on). */
  async flush(): Promise<void> {
    while (this.#sending) await this.#sending;
  }

  async #drain(): Promise<void> {
    try {
      while (this.#waiting.length) {
        // A timer can fire early by a busy turn's length (its start is the loop's cached time): look again.
        let wait = this.#lastSentAt + this.#gapMs - performance.now();
        while (wait > 0) {
          await new Promise((resolve) => setTimeout(resolve, wait));
          wait = this.#lastSentAt + this.#gapMs - performance.now();
        }
        this.#lastSentAt = performance.now();
        const batch = this.#waiting;
        this.#waiting = [];
        try {
          this.statements++;
          await this.#query(SEND_SQL, [CHANNEL, mergedPayloads(this.#instanceId, batch)]);
        } catch (err) {
          // Kept for the next send: a late notice is still a notice (the idle cache's expiry bounds the rest).
          this.#waiting = [...batch, ...this.#waiting];
          if (this.#waiting.length > MAX_WAITING) this.#waiting = [EVERYTHING_LOCAL];
          this.#logger.warn(`Change notices not sent (${(err as Error).message}); sent with the next commit`);
          return;
        }
      }
    } finally {
      this.#sending = undefined;
    }
  }
}
