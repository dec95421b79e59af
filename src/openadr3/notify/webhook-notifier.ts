// The ChangeFeed that delivers: each published change is matched against the subscriptions (type, operation,
// program, targets, privacy) and POSTed as the document's Notification to each matching callbackUrl with the
// subscription's bearer token. Changes wait in a bounded backlog; deliveries go through DeliveryQueue.
import { hostname } from 'node:os';
import type { WebhookStatusSource, WebhookSubscriptionState, WebhookSummary } from '../../admin/status-sources.js';
import type { Logger } from '../../vtn/context.js';
import type { Store } from '../../store/store.js';
import { resolveCheckedUrl } from '../../push/resolve-target.js';
import { sendPush } from '../../push/push-request.js';
import type { ClientRole } from '../auth/scopes.js';
import { checkCallbackUrl, type CallbackRules } from './callback-url.js';
import type { ChangeFeed, Oadr3Change } from './change-feed.js';
import { DeliveryQueue, type DeliveryJob, type DeliveryOutcome, type SendResult } from './delivery-queue.js';
import { grantedTargetsOnce } from './granted-targets.js';
import { callbacksFor, objectFor } from './notification-audience.js';
import { SubscriptionIndex } from './subscription-index.js';
import { WebhookOutbox, type OutboxRecord } from './webhook-outbox.js';
import type { WebhookSettings } from './webhook-settings.js';

/** Changes waiting to be matched; beyond this a burst is dropped (and counted) rather than held in memory. */
const MAX_PENDING_CHANGES = 1_000;

export interface WebhookNotifierOptions {
  store: Store;
  log: Logger;
  settings: WebhookSettings;
  rules: CallbackRules;
  /** A subscriber's role by its clientID; unknown clients (external issuers) are treated as VENs. */
  roleOf: (clientID: string) => ClientRole | undefined;
  now: () => Date;
}

export class WebhookNotifier implements ChangeFeed, WebhookStatusSource {
  readonly queue: DeliveryQueue;
  readonly outbox: WebhookOutbox;
  readonly #index: SubscriptionIndex;
  #chain: Promise<void> = Promise.resolve();
  #pending = 0;
  /** Notifications by outcome since start (changes dropped from a full backlog count as dropped, once each). */
  readonly outcomes: Record<DeliveryOutcome, number> = { delivered: 0, failed: 0, refused: 0, dropped: 0, abandoned: 0 };
  /** HTTP requests made, retries included. */
  requests = 0;
  /** Delivery state is this process's own: the admin API says whose and since when. */
  readonly #instance = { scope: 'instance' as const, instance: `${hostname()}:${process.pid}`, since: '' };

  constructor(private readonly o: WebhookNotifierOptions) {
    this.#index = new SubscriptionIndex(o.store);
    this.#instance.since = o.now().toISOString();
    this.queue = new DeliveryQueue(o.settings, (job, signal) => this.#send(job, signal), o.now);
    this.queue.onOutcome((outcome, tries) => {
      this.outcomes[outcome]++;
      this.requests += tries;
    });
    this.outbox = new WebhookOutbox({
      store: o.store, log: o.log, instance: this.#instance.instance, leaseMs: o.settings.outboxLeaseMs, now: o.now,
      refanOut: (rec) => this.#fanOut(rec.change, rec),
    });
    this.outbox.start();
  }

  publish(change: Oadr3Change): void {
    if (this.#pending >= MAX_PENDING_CHANGES) {
      this.outcomes.dropped++;
      this.o.log.warn({ objectType: change.objectType, operation: change.operation, pending: this.#pending }, 'webhook backlog full: change not notified');
      return;
    }
    this.#pending++;
    this.#chain = this.#chain.then(() => this.#fanOut(change)).catch((err: unknown) => {
      this.o.log.error({ err, objectType: change.objectType, operation: change.operation }, 'webhook fan-out failed');
    }).finally(() => { this.#pending--; });
  }

  /** Resolves once every change published so far has been matched and queued (tests, bench). */
  settled(): Promise<void> {
    return this.#chain;
  }

  onOutcome(observer: (outcome: DeliveryOutcome, tries: number) => void): () => void {
    return this.queue.onOutcome(observer);
  }

  async summary(): Promise<WebhookSummary> {
    const subs = await this.#index.all();
    let failing = 0;
    for (const s of subs) if ((this.queue.state(s.id)?.consecutiveFailures ?? 0) > 0) failing++;
    const { delivered, failed, refused, dropped } = this.outcomes;
    const outboxWaiting = await this.outbox.waiting();
    return { ...this.#instance, subscriptions: subs.length, queued: this.queue.queued, inFlight: this.queue.inFlight, pendingChanges: this.#pending, outboxWaiting, outboxHeld: this.outbox.held, delivered, failed, refused, dropped, failing };
  }

  /** Delivery state per subscription, in id order after `after`. */
  async deliveries(page: { after?: string; limit: number }): Promise<WebhookSubscriptionState[]> {
    const subs = await this.#index.all();
    const from = page.after === undefined ? subs : subs.filter((s) => s.id > page.after!);
    return from.slice(0, page.limit).map((s) => {
      const st = this.queue.state(s.id);
      return {
        subscriptionID: s.id, clientID: s.clientID, clientName: s.clientName,
        callbackUrls: [...new Set(s.objectOperations.map((op) => op.callbackUrl))],
        consecutiveFailures: 0, delivered: 0, failed: 0, refused: 0, dropped: 0, queued: 0, inFlight: false, ...st,
      };
    });
  }

  close(): void {
    this.outbox.close();
    this.queue.close();
    this.#index.close();
  }

  /** Queues the change's notifications; with any, the change is kept in the outbox (`held`: already there) until all settle. */
  async #fanOut(change: Oadr3Change, held?: OutboxRecord): Promise<void> {
    const subs = await this.#index.all();
    const live = new Set(subs.map((s) => s.id));
    for (const id of [...this.queue.subscriptionIds()]) if (!live.has(id)) this.queue.forget(id);
    const granted = grantedTargetsOnce(this.o.store, subs.filter((s) => this.o.roleOf(s.clientID) !== 'bl').length);
    // One JSON text per distinct object seen (target hiding makes VENs' copies differ).
    const bodies = new Map<Record<string, unknown>, string>();
    const jobs: DeliveryJob[] = [];
    for (const sub of subs) {
      const callbacks = callbacksFor(sub, change);
      if (callbacks.length === 0) continue;
      const object = await objectFor(sub, this.o.roleOf(sub.clientID) === 'bl', change, granted);
      if (!object) continue;
      let body = bodies.get(object);
      if (body === undefined) bodies.set(object, (body = JSON.stringify({ objectType: change.objectType, operation: change.operation, object })));
      for (const cb of callbacks) jobs.push({ subscriptionId: sub.id, url: cb.url, ...(cb.bearerToken ? { bearerToken: cb.bearerToken } : {}), body });
    }
    if (jobs.length === 0) {
      if (held) await this.outbox.done(held.id);
      return;
    }
    const id = held?.id ?? (await this.outbox.record(change).catch((err: unknown) => {
      this.o.log.warn({ err: (err as Error).message, objectType: change.objectType }, 'webhook change not kept in the outbox: sent from memory only');
      return undefined;
    }));
    let unsettled = jobs.length;
    const settled = id === undefined ? undefined : () => { if (--unsettled === 0) void this.outbox.done(id); };
    for (const job of jobs) this.queue.enqueue(settled ? { ...job, settled } : job);
  }

  async #send(job: DeliveryJob, signal: AbortSignal): Promise<SendResult> {
    // Checked again at every request: the name may resolve elsewhere now (DNS rebinding), the connection is pinned.
    const checked = checkCallbackUrl(job.url, this.o.rules);
    if (!checked.ok) return { ok: false, error: checked.reason, retry: false };
    const resolved = await resolveCheckedUrl(checked.url, checked.rules);
    if (!resolved.ok) return { ok: false, error: resolved.reason, retry: resolved.transient === true };
    const res = await sendPush({
      target: resolved.target, body: job.body, contentType: 'application/json', signal,
      timeoutMs: this.o.settings.timeoutMs, maxResponseBytes: this.o.settings.maxResponseBytes,
      ...(job.bearerToken ? { headers: { authorization: `Bearer ${job.bearerToken}` } } : {}),
    });
    if (!res.ok) return { ok: false, error: res.error, retry: true };
    if (res.status >= 200 && res.status < 300) return { ok: true };
    const retry = res.status >= 500 || res.status === 408 || res.status === 429;
    return { ok: false, error: `HTTP ${res.status}${res.body ? `: ${res.body.slice(0, 120)}` : ''}`, retry };
  }
}
