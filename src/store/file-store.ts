// The durable Store: all state in memory, every unit of work appended to the journal as one line before it commits
// (the units committing in one event-loop turn in one write), and a lowdb snapshot rewritten only at compaction
// (never per message, never on the poll path).
import { existsSync, mkdirSync } from 'node:fs';
import { unlink } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { VtnError } from '../errors.js';
import { LocalStore } from './local/local-store.js';
import type { Row } from './local/local-table.js';
import type { PendingWrite } from './unit/row-source.js';
import { replayJournal, type JournalEntry } from './journal-reader.js';
import { JournalWriter } from './journal-writer.js';
import { SNAPSHOT_FORMAT, SnapshotFile, type SnapshotDocument } from './snapshot-file.js';
import { SnapshotWriteStopped } from './streamed-snapshot-adapter.js';
import { acquireLock, releaseLock, type LockOwner } from './state-lock.js';
import { consoleStoreLogger, type StoreLogger } from './store-logger.js';

export interface FileStoreOptions {
  /** Directory holding vtn.json, vtn.json.bak, vtn.journal (+ vtn.journal.prev during compaction) and vtn.lock; created if missing. */
  dataDir: string;
  /**
   * Compact after this many journal entries. Default: 10 000, or half the state's rows when that is more — a
   * snapshot rewrites every row, so a fixed count would rewrite a large state several times per fan-out.
   */
  compactEvery?: number;
  /** Also compact this often when anything changed (default 60 000 ms; 0 = only by count, flush and close). */
  compactIntervalMs?: number;
  /** fsync every journal write and snapshot: survives power loss, not only a killed process (slower). */
  fsync?: boolean;
  /**
   * How long close() may spend writing the snapshot (default 5 000 ms, half of `vtn start`'s 10 s stop bound);
   * past it the write is abandoned and the journal, which holds every change, is replayed at the next start.
   */
  closeBudgetMs?: number;
  logger?: StoreLogger;
}

/**
 * Records are kept by reference: never mutate a stored object, put() a new one —
 * the journal serialised the value at put time and a later in-place change would be lost on restart.
 */
export class FileStore extends LocalStore<JournalLine> {
  readonly kind = 'file' as const;
  readonly dataDir: string;
  readonly #compactEvery: number;
  /** compactEvery was not given: the journal may also grow to half the state's rows before a snapshot. */
  readonly #scalesWithState: boolean;
  readonly #compactIntervalMs: number;
  readonly #closeBudgetMs: number;
  /** Set while closing: a snapshot write still running at this time gives up. */
  #closeDeadline: number | undefined;
  readonly #logger: StoreLogger;
  readonly #lockPath: string;
  readonly #previousJournalPath: string;
  readonly #journal: JournalWriter;
  readonly #snapshot: SnapshotFile;
  #state: 'closed' | 'opening' | 'open' | 'closing' = 'closed';
  #opening: Promise<void> | undefined;
  #lock: LockOwner | undefined;
  #timer: NodeJS.Timeout | undefined;
  /** Journal entries not yet in the snapshot. */
  #uncompacted = 0;
  #compactScheduled = false;
  #running: Promise<void> | undefined;
  #queued: Promise<void> | undefined;

  constructor(options: FileStoreOptions) {
    super();
    if (typeof options?.dataDir !== 'string' || options.dataDir === '') {
      throw new VtnError('E_CONFIG', 'FileStore needs a dataDir (the directory for the state files)');
    }
    this.dataDir = resolve(options.dataDir);
    this.#compactEvery = positiveInteger('compactEvery', options.compactEvery ?? 10_000, 1);
    this.#scalesWithState = options.compactEvery === undefined;
    this.#compactIntervalMs = positiveInteger('compactIntervalMs', options.compactIntervalMs ?? 60_000, 0);
    this.#closeBudgetMs = positiveInteger('closeBudgetMs', options.closeBudgetMs ?? 5_000, 0);
    const fsync = options.fsync ?? false;
    this.#logger = options.logger ?? consoleStoreLogger;
    this.#lockPath = join(this.dataDir, 'vtn.lock');
    this.#previousJournalPath = join(this.dataDir, 'vtn.journal.prev');
    this.#journal = new JournalWriter(join(this.dataDir, 'vtn.journal'), { fsync });
    this.#snapshot = new SnapshotFile(join(this.dataDir, 'vtn.json'), { fsync });
  }

  isReady(): boolean {
    return this.#state === 'open';
  }

  open(): Promise<void> {
    if (this.#state === 'open') return Promise.resolve();
    if (this.#state === 'closing') {
      return Promise.reject(new Error('FileStore is closing; open it again after close() resolves'));
    }
    if (this.#state === 'closed') this.#opening = this.#load();
    return this.#opening as Promise<void>;
  }

  /** Writes the snapshot now (waiting for a running compaction first); the journal is empty afterwards. */
  async flush(): Promise<void> {
    this.flushCommits();
    if (this.#state === 'open' || this.#state === 'closing') await this.#compact();
  }

  async close(): Promise<void> {
    if (this.#state === 'opening') await this.#opening?.catch(() => undefined);
    if (this.#state !== 'open') return;
    this.#state = 'closing';
    // Units waiting for this turn's journal write get it now, before the journal closes.
    this.flushCommits();
    clearInterval(this.#timer);
    this.#closeDeadline = Date.now() + this.#closeBudgetMs;
    try {
      await this.#compact();
    } finally {
      this.#closeDeadline = undefined;
      this.#journal.close();
      if (this.#lock) releaseLock(this.#lockPath, this.#lock);
      this.#lock = undefined;
      this.#state = 'closed';
    }
  }

  /** Serialised at commit time: a later change to a stored object cannot reach the journal. */
  protected prepare(writes: readonly PendingWrite[]): JournalLine {
    return { bytes: this.#journal.encodeUnit(writes.map((w) => ({ collection: w.collection, key: w.key, value: w.value }))), entries: writes.length };
  }

  protected persist(lines: readonly JournalLine[]): void {
    this.#journal.appendEncoded(lines.map((l) => l.bytes));
    for (const l of lines) this.#uncompacted += l.entries;
    if (this.#uncompacted >= this.#compactEvery && this.#uncompacted >= this.#stateAllowance()) this.#scheduleCompaction();
  }

  /** Open: commits share one journal write per turn. Closing: each is written at once, the journal closes next. */
  protected groupsCommits(): boolean {
    return this.#state === 'open';
  }

  /** Journal entries allowed for the state's size: replaying them at start costs at most half a snapshot load more. */
  #stateAllowance(): number {
    if (!this.#scalesWithState) return 0;
    let rows = 0;
    for (const t of this.local.tables.values()) rows += t.rows.size;
    return rows / 2;
  }

  async #load(): Promise<void> {
    this.#state = 'opening';
    try {
      mkdirSync(this.dataDir, { recursive: true });
      this.#lock = acquireLock(this.#lockPath, this.dataDir, this.#logger);
      for (const table of this.local.tables.values()) table.clear();
      // 1. snapshot, 2. journal left by an unfinished compaction, 3. current journal — last write wins.
      const doc = await this.#snapshot.load();
      for (const [name, records] of doc.collections) {
        const table = this.local.table(name);
        for (const [key, value] of records) table.apply(key, value);
      }
      const apply = (entry: JournalEntry) => this.local.table(entry.c).apply(entry.k, entry.v);
      this.#uncompacted =
        (await replayJournal(this.#previousJournalPath, apply, this.#logger)) +
        (await replayJournal(this.#journal.path, apply, this.#logger));
      this.#journal.open();
      this.#state = 'open';
    } catch (e) {
      this.#journal.close();
      if (this.#lock) releaseLock(this.#lockPath, this.#lock);
      this.#lock = undefined;
      this.#state = 'closed';
      throw e;
    }
    if (this.#compactIntervalMs > 0) {
      this.#timer = setInterval(() => this.#compactInBackground(), this.#compactIntervalMs);
      this.#timer.unref();
    }
    this.#logger.info(`State loaded from ${this.dataDir} (${this.#uncompacted} journal entries replayed)`);
    if (this.#uncompacted >= this.#compactEvery) this.#scheduleCompaction();
  }

  #scheduleCompaction(): void {
    if (this.#compactScheduled) return;
    this.#compactScheduled = true;
    // Out of the caller's put(): the reply is not delayed by building the snapshot.
    setImmediate(() => {
      this.#compactScheduled = false;
      this.#compactInBackground();
    });
  }

  #compactInBackground(): void {
    if (this.#state !== 'open' || !this.#hasUncompacted()) return;
    // Failures are logged in #compactNow; the journal keeps every change meanwhile.
    this.#compact().catch(() => undefined);
  }

  /** Runs one compaction at a time; a request during a run gets one more run after it, shared by all waiters. */
  #compact(): Promise<void> {
    if (!this.#running) return this.#start();
    this.#queued ??= this.#running.then(
      () => this.#startQueued(),
      () => this.#startQueued(),
    );
    return this.#queued;
  }

  #startQueued(): Promise<void> {
    this.#queued = undefined;
    return this.#start();
  }

  #start(): Promise<void> {
    const run = this.#compactNow().finally(() => {
      if (this.#running === run) this.#running = undefined;
    });
    this.#running = run;
    return run;
  }

  async #compactNow(): Promise<void> {
    if (!this.#hasUncompacted() || this.#pastCloseDeadline()) return;
    try {
      // Synchronous part: later puts go to a fresh journal and the document is fixed at this instant.
      const started = performance.now();
      const folded = this.#uncompacted;
      this.#journal.rotateTo(this.#previousJournalPath);
      this.#uncompacted = 0;
      const doc: SnapshotDocument = {
        format: SNAPSHOT_FORMAT,
        savedAt: new Date().toISOString(),
        collections: new Map([...this.local.tables.values()].map((t) => [t.name, recordsOf(new Map(t.rows))])),
      };
      const written = await this.#snapshot.save(doc, () => this.#pastCloseDeadline());
      await unlink(this.#previousJournalPath);
      this.#logger.info(
        `Snapshot of ${this.dataDir} written: ${folded} journal entries folded in, ${(written.bytes / 1e6).toFixed(1)} MB ` +
          `in ${written.writes} slices, ${Math.round(performance.now() - started)} ms`,
      );
    } catch (e) {
      if (e instanceof SnapshotWriteStopped) {
        this.#logger.warn(
          `Stopping: writing the snapshot of ${this.dataDir} would overrun the ${this.#closeBudgetMs} ms stop budget; ` +
            'it is left for later and the journal, which holds every change, is replayed at the next start',
        );
        return;
      }
      this.#logger.error(`Compaction of ${this.dataDir} failed (changes stay in the journal): ${(e as Error).message}`);
      throw e;
    }
  }

  #pastCloseDeadline(): boolean {
    return this.#closeDeadline !== undefined && Date.now() >= this.#closeDeadline;
  }

  #hasUncompacted(): boolean {
    return this.#uncompacted > 0 || existsSync(this.#previousJournalPath);
  }
}

/** The records of a copy of a table's rows: a write replaces a row object, never changes it, so the copy is this instant's state. */
function* recordsOf(rows: ReadonlyMap<string, Row>): Generator<readonly [string, unknown]> {
  for (const [key, row] of rows) yield [key, row.value];
}

/** One unit's journal line and how many entries it holds. */
interface JournalLine {
  bytes: Buffer;
  entries: number;
}

function positiveInteger(name: string, value: number, min: number): number {
  if (!Number.isInteger(value) || value < min) {
    throw new VtnError('E_CONFIG', `FileStore option ${name} must be an integer ≥ ${min}, got ${String(value)}`);
  }
  return value;
}
