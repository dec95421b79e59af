// Webhook deliveries: one lane per subscription (its notifications arrive in order, one request at a time), a
// concurrency limit over all lanes, retries with doubling backoff, and bounded queues (§9: a subscriber that
// stops answering costs at most its lane's length, and all lanes together at most queueLimit).
import { setMaxListeners } from 'node:events';
import type { DeliveryHealth } from '../../admin/status-sources.js';

export interface DeliveryJob {
  subscriptionId: string;
  url: string;
  bearerToken?: string;
  /** The Notification as JSON. */
  body: string;
  /** Called once when the job is over for good (delivered, given up, refused, dropped, its subscription gone) — not at close(). */
  settled?: () => void;
}

/** `retry`: worth another try (transport error, 408, 429, 5xx); otherwise the receiver refused it. */
export type SendResult = { ok: true } | { ok: false; error: string; retry: boolean };

export type DeliveryOutcome = 'delivered' | 'failed' | 'refused' | 'dropped' | 'abandoned';

export type LaneState = DeliveryHealth;

export interface QueueLimits {
  concurrency: number;
  queueLimit: number;
  perSubscriptionQueue: number;
  attempts: number;
  retryBackoffMs: number;
}

interface Lane {
  jobs: { job: DeliveryJob; tries: number }[];
  busy: boolean;
  retry?: NodeJS.Timeout;
  /** Forgotten while its request was in flight: the answer only settles the count. */
  gone?: boolean;
  state: LaneState;
}

export type Sender = (job: DeliveryJob, signal: AbortSignal) => Promise<SendResult>;

export class DeliveryQueue {
  readonly #lanes = new Map<string, Lane>();
  /** Lanes with a job that may start now, oldest first. */
  readonly #ready = new Set<string>();
  readonly #abort = new AbortController();
  readonly #observers = new Set<(outcome: DeliveryOutcome, tries: number) => void>();
  #queued = 0;
  #inFlight = 0;
  #closed = false;

  constructor(private readonly limits: QueueLimits, private readonly send: Sender, private readonly now: () => Date) {
    // Every request in flight listens on the one stop signal.
    setMaxListeners(0, this.#abort.signal);
  }

  get queued(): number {
    return this.#queued;
  }

  get inFlight(): number {
    return this.#inFlight;
  }

  onOutcome(observer: (outcome: DeliveryOutcome, tries: number) => void): () => void {
    this.#observers.add(observer);
    return () => this.#observers.delete(observer);
  }

  enqueue(job: DeliveryJob): boolean {
    const lane = this.#lane(job.subscriptionId);
    if (this.#closed || this.#queued >= this.limits.queueLimit) {
      lane.state.dropped++;
      this.#tell('dropped', 0);
      // Closing: the job stays unsettled (a durable outbox sends it again); a full queue is final.
      if (!this.#closed) job.settled?.();
      return false;
    }
    if (lane.jobs.length >= this.limits.perSubscriptionQueue) {
      // The oldest waiting one goes (the one in flight stays): a subscriber that catches up gets the newest state.
      const [evicted] = lane.jobs.splice(lane.busy ? 1 : 0, 1);
      evicted?.job.settled?.();
      this.#queued--;
      lane.state.dropped++;
      this.#tell('dropped', 0);
    }
    lane.jobs.push({ job, tries: 0 });
    this.#queued++;
    if (!lane.busy && !lane.retry) this.#ready.add(job.subscriptionId);
    this.#pump();
    return true;
  }

  /** Delivery state of one subscription, with what is waiting for it. */
  state(subscriptionId: string): (LaneState & { queued: number; inFlight: boolean }) | undefined {
    const lane = this.#lanes.get(subscriptionId);
    return lane ? { ...lane.state, queued: lane.jobs.length, inFlight: lane.busy } : undefined;
  }

  /** The subscription is gone: its waiting notifications and state go too. */
  forget(subscriptionId: string): void {
    const lane = this.#lanes.get(subscriptionId);
    if (!lane) return;
    if (lane.retry) clearTimeout(lane.retry);
    const keep = lane.busy ? 1 : 0;
    this.#queued -= lane.jobs.length - keep;
    for (const removed of lane.jobs.splice(keep)) removed.job.settled?.();
    lane.gone = true;
    this.#ready.delete(subscriptionId);
    this.#lanes.delete(subscriptionId);
  }

  subscriptionIds(): IterableIterator<string> {
    return this.#lanes.keys();
  }

  /** Stop: requests in flight are aborted, waiting notifications are abandoned. */
  close(): void {
    this.#closed = true;
    this.#abort.abort();
    for (const lane of this.#lanes.values()) {
      if (lane.retry) clearTimeout(lane.retry);
      const waiting = lane.busy ? lane.jobs.length - 1 : lane.jobs.length;
      for (let i = 0; i < waiting; i++) this.#tell('abandoned', 0);
      lane.jobs.splice(lane.busy ? 1 : 0);
    }
    this.#ready.clear();
    this.#queued = 0;
  }

  #lane(id: string): Lane {
    let lane = this.#lanes.get(id);
    if (!lane) this.#lanes.set(id, (lane = { jobs: [], busy: false, state: { consecutiveFailures: 0, delivered: 0, failed: 0, refused: 0, dropped: 0 } }));
    return lane;
  }

  #pump(): void {
    while (!this.#closed && this.#inFlight < this.limits.concurrency && this.#ready.size > 0) {
      const id = this.#ready.values().next().value as string;
      this.#ready.delete(id);
      const lane = this.#lanes.get(id);
      if (!lane || lane.busy || lane.retry || lane.jobs.length === 0) continue;
      lane.busy = true;
      this.#inFlight++;
      void this.#run(id, lane);
    }
  }

  async #run(id: string, lane: Lane): Promise<void> {
    const head = lane.jobs[0]!;
    head.tries++;
    const result = await this.send(head.job, this.#abort.signal).catch((err: unknown): SendResult => ({ ok: false, error: (err as Error).message, retry: true }));
    this.#inFlight--;
    lane.busy = false;
    const at = this.now().toISOString();
    if (this.#closed) return;
    if (lane.gone) {
      this.#queued--;
      head.job.settled?.();
      this.#pump();
      return;
    }
    if (result.ok) {
      Object.assign(lane.state, { lastSuccessAt: at, consecutiveFailures: 0, delivered: lane.state.delivered + 1 });
      this.#finish(lane, 'delivered', head.tries);
    } else {
      Object.assign(lane.state, { lastFailureAt: at, lastError: result.error, consecutiveFailures: lane.state.consecutiveFailures + 1 });
      if (result.retry && head.tries < this.limits.attempts) {
        lane.retry = setTimeout(() => {
          lane.retry = undefined;
          this.#ready.add(id);
          this.#pump();
        }, this.limits.retryBackoffMs * 2 ** (head.tries - 1));
      } else {
        lane.state[result.retry ? 'failed' : 'refused']++;
        this.#finish(lane, result.retry ? 'failed' : 'refused', head.tries);
      }
    }
    if (lane.jobs.length > 0 && !lane.retry) this.#ready.add(id);
    this.#pump();
  }

  #finish(lane: Lane, outcome: DeliveryOutcome, tries: number): void {
    lane.jobs.shift()?.job.settled?.();
    this.#queued--;
    this.#tell(outcome, tries);
  }

  #tell(outcome: DeliveryOutcome, tries: number): void {
    for (const o of this.#observers) {
      try {
        o(outcome, tries);
      } catch {
        // Metrics must not break delivery.
      }
    }
  }
}
