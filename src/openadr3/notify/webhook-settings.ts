// openadr3.webhooks → the numbers the notifier runs on; a bad value is an E_CONFIG at start, never a silent default.
import { VtnError } from '../../errors.js';
import { msOf } from '../../push/push-settings.js';

export interface WebhookConfig {
  /** Time for one callback request, ms or ISO 8601 (default PT10S; §Webhooks suggests 10–30 s). */
  timeout?: number | string;
  /** Tries per notification, the first included (default 4, at most 10). */
  attempts?: number;
  /** Wait before the first retry, doubled for each further one (default PT1S). */
  retryBackoff?: number | string;
  /** Callback requests in flight at once (default 64). */
  concurrency?: number;
  /** Notifications waiting for delivery, all subscriptions (default 50,000); beyond it new ones are dropped and counted. */
  queueLimit?: number;
  /** Notifications waiting per subscription (default 100); beyond it the oldest of that subscription is dropped. */
  perSubscriptionQueue?: number;
  /** Subscriptions a VEN client may hold (default 20); BL clients are not limited. */
  maxPerVenClient?: number;
  /** Send the echo challenge (GET ?echo=…) before accepting a callback URL (default true, §Webhooks). */
  verifyCallbacks?: boolean;
  /**
   * How long an instance holds a change it is notifying (default PT60S, renewed while it works): after that, with the
   * instance gone, another instance (or its next start) sends the change's notifications again.
   */
  outboxLease?: number | string;
}

export interface WebhookSettings {
  timeoutMs: number;
  attempts: number;
  retryBackoffMs: number;
  concurrency: number;
  queueLimit: number;
  perSubscriptionQueue: number;
  maxPerVenClient: number;
  verifyCallbacks: boolean;
  outboxLeaseMs: number;
  /** Bytes read of a callback's answer (the echo challenge reads its body; notifications only the status). */
  maxResponseBytes: number;
}

export function resolveWebhookSettings(o: WebhookConfig = {}): WebhookSettings {
  const s: WebhookSettings = {
    timeoutMs: msOf(o.timeout ?? 'PT10S', 'openadr3.webhooks.timeout'),
    attempts: o.attempts ?? 4,
    retryBackoffMs: msOf(o.retryBackoff ?? 'PT1S', 'openadr3.webhooks.retryBackoff'),
    concurrency: o.concurrency ?? 64,
    queueLimit: o.queueLimit ?? 50_000,
    perSubscriptionQueue: o.perSubscriptionQueue ?? 100,
    maxPerVenClient: o.maxPerVenClient ?? 20,
    verifyCallbacks: o.verifyCallbacks ?? true,
    outboxLeaseMs: msOf(o.outboxLease ?? 'PT60S', 'openadr3.webhooks.outboxLease'),
    maxResponseBytes: 16_384,
  };
  for (const key of ['attempts', 'concurrency', 'queueLimit', 'perSubscriptionQueue', 'maxPerVenClient'] as const) {
    const v = s[key];
    if (!Number.isInteger(v) || v < 1 || v > 1e7) throw new VtnError('E_CONFIG', `openadr3.webhooks.${key} must be a positive integer, got ${String(v)}.`);
  }
  if (s.attempts > 10) throw new VtnError('E_CONFIG', `openadr3.webhooks.attempts is ${s.attempts}; at most 10 tries per notification.`, 'A receiver that is down for long is not helped by more retries: fix it and the next change reaches it.');
  if (!(s.outboxLeaseMs >= 1000)) throw new VtnError('E_CONFIG', `openadr3.webhooks.outboxLease must be at least 1 s, got ${s.outboxLeaseMs} ms.`, 'A lease shorter than a callback request would hand changes to another instance while they are still being sent.');
  if (!(s.timeoutMs > 0)) throw new VtnError('E_CONFIG', 'openadr3.webhooks.timeout must be positive.');
  return s;
}
