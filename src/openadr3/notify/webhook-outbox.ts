// Changes with subscribers, kept in the store until every notification of them is settled, so a notification
// outlives the process that was sending it: each record is leased by the instance fanning it out (renewed while it
// works); a record whose lease ran out (its instance died or stopped mid-way) is claimed by another instance, or by
// this one after a restart, and fanned out again — at least once, so a receiver may see a notification twice.
import { randomUUID } from 'node:crypto';
import type { Store } from '../../store/store.js';
import type { Logger } from '../../vtn/context.js';
import type { Oadr3Change } from './change-feed.js';

export const OUTBOX = 'webhookOutbox';

export interface OutboxRecord {
  id: string;
  change: Oadr3Change;
  createdAt: string;
  /** hostname:pid of the instance sending it now. */
  owner: string;
  leaseUntil: string;
  /** Fan-outs started (1 for the first; each claim after a lost lease adds one). */
  fanOuts: number;
}

/** A record fanned out this many times without settling is given up (logged): a change that kills its sender must not loop. */
export const MAX_FAN_OUTS = 5;
/** Records claimed per sweep: a large backlog is taken over in steps, not all in one unit. */
const CLAIM_BATCH = 200;

export interface OutboxOptions {
  store: Store;
  log: Logger;
  instance: string;
  leaseMs: number;
  now: () => Date;
  /** Fans a claimed change out again; resolves when its notifications are queued (their settling calls done()). */
  refanOut: (record: OutboxRecord) => Promise<void>;
}

export class WebhookOutbox {
  /** Records this instance holds the lease of. */
  readonly #held = new Set<string>();
  #renewTimer: NodeJS.Timeout | undefined;
  #sweepTimer: NodeJS.Timeout | undefined;
  #sweeping: Promise<void> | undefined;
  #closed = false;

  constructor(private readonly o: OutboxOptions) {}

  /** Starts renewing this instance's leases and sweeping for lost ones (now, then every half lease). */
  start(): void {
    const every = Math.max(50, Math.floor(this.o.leaseMs / 2));
    this.#renewTimer = setInterval(() => void this.#renew(), Math.max(50, Math.floor(this.o.leaseMs / 3))).unref();
    this.#sweepTimer = setInterval(() => void this.sweep(), every).unref();
    void this.sweep();
  }

  get held(): number {
    return this.#held.size;
  }

  /** Records waiting in the store, every instance's. */
  waiting(): Promise<number> {
    return this.o.store.unit((u) => u.collection<OutboxRecord>(OUTBOX).count(), { label: 'webhook outbox count' });
  }

  /** Keeps `change` until done(id); the caller fans it out itself. */
  async record(change: Oadr3Change): Promise<string> {
    const id = `${this.o.now().toISOString()}-${randomUUID()}`;
    const rec: OutboxRecord = { id, change, createdAt: this.o.now().toISOString(), owner: this.o.instance, leaseUntil: this.#leaseEnd(), fanOuts: 1 };
    await this.o.store.unit(async (u) => u.collection<OutboxRecord>(OUTBOX).create(id, rec), { label: 'webhook outbox' });
    this.#held.add(id);
    return id;
  }

  /** Every notification of this record settled (delivered, given up, refused or dropped): it leaves the store. */
  async done(id: string): Promise<void> {
    this.#held.delete(id);
    try {
      await this.o.store.unit(async (u) => {
        const outbox = u.collection<OutboxRecord>(OUTBOX);
        // Another instance that took it over (this one was too slow to renew) finishes it instead.
        if ((await outbox.get(id))?.owner === this.o.instance) outbox.delete(id);
      }, { label: 'webhook outbox done' });
    } catch (err) {
      this.o.log.warn({ err: (err as Error).message, id }, 'webhook outbox record not removed; it will be sent again after its lease');
    }
  }

  /** Claims the records whose lease ran out and fans them out again. */
  sweep(): Promise<void> {
    this.#sweeping ??= this.#sweep().finally(() => { this.#sweeping = undefined; });
    return this.#sweeping;
  }

  /** Stops renewing: what this instance held is taken over by another one (or by its next start) after the lease. */
  close(): void {
    this.#closed = true;
    clearInterval(this.#renewTimer);
    clearInterval(this.#sweepTimer);
  }

  async #sweep(): Promise<void> {
    if (this.#closed || !this.o.store.isReady()) return;
    const now = this.o.now().toISOString();
    let claimed: OutboxRecord[] = [];
    const given: OutboxRecord[] = [];
    try {
      claimed = await this.o.store.unit(async (u) => {
        given.length = 0;
        const outbox = u.collection<OutboxRecord>(OUTBOX);
        const out: OutboxRecord[] = [];
        for (const { value } of await outbox.list()) {
          if (value.leaseUntil > now || this.#held.has(value.id)) continue;
          if (value.fanOuts >= MAX_FAN_OUTS) {
            given.push(value);
            outbox.delete(value.id);
            continue;
          }
          const rec = { ...value, owner: this.o.instance, leaseUntil: this.#leaseEnd(), fanOuts: value.fanOuts + 1 };
          outbox.put(value.id, rec);
          out.push(rec);
          if (out.length >= CLAIM_BATCH) break;
        }
        return out;
      }, { label: 'webhook outbox claim' });
    } catch (err) {
      this.o.log.warn({ err: (err as Error).message }, 'webhook outbox sweep failed; tried again at the next one');
      return;
    }
    for (const rec of given) {
      this.o.log.error({ id: rec.id, objectType: rec.change.objectType, operation: rec.change.operation, fanOuts: rec.fanOuts }, `webhook notification given up after ${MAX_FAN_OUTS} fan-outs that never settled`);
    }
    for (const rec of claimed) {
      this.#held.add(rec.id);
      this.o.log.info({ id: rec.id, objectType: rec.change.objectType, operation: rec.change.operation, fanOut: rec.fanOuts }, 'webhook notification taken over from a lost lease; sending it again');
      await this.o.refanOut(rec).catch((err: unknown) => this.o.log.error({ err, id: rec.id }, 'webhook fan-out of a taken-over change failed'));
    }
  }

  async #renew(): Promise<void> {
    if (this.#closed || this.#held.size === 0 || !this.o.store.isReady()) return;
    const ids = [...this.#held];
    try {
      const lost = await this.o.store.unit(async (u) => {
        const outbox = u.collection<OutboxRecord>(OUTBOX);
        const found = await outbox.getMany(ids);
        const gone: string[] = [];
        for (const id of ids) {
          const rec = found.get(id);
          if (rec?.owner === this.o.instance) outbox.put(id, { ...rec, leaseUntil: this.#leaseEnd() });
          else gone.push(id);
        }
        return gone;
      }, { label: 'webhook outbox lease' });
      // Removed by done(), or taken over by another instance after a late renewal: no longer this one's.
      for (const id of lost) this.#held.delete(id);
    } catch (err) {
      this.o.log.warn({ err: (err as Error).message, held: ids.length }, 'webhook outbox leases not renewed; retried shortly');
    }
  }

  #leaseEnd(): string {
    return new Date(this.o.now().getTime() + this.o.leaseMs).toISOString();
  }
}
