// vtn_oadr3_*: OpenADR 3.1 webhook notifications by outcome, callback requests, and the delivery backlog now,
// read from the notifier at scrape time (absent until the 3.1 API is attached: no series).
import { Counter, Gauge, type Registry } from 'prom-client';
import type { WebhookStatusSource } from '../admin/status-sources.js';

export interface WebhookSources {
  webhooks?: WebhookStatusSource;
}

const OUTCOMES = ['delivered', 'failed', 'refused', 'dropped', 'abandoned'] as const;

export function installWebhookMetrics(registry: Registry, sources: WebhookSources): void {
  new Counter({
    name: 'vtn_oadr3_notifications_total',
    help: 'OpenADR 3.1 webhook notifications sent by this instance, by outcome: delivered, failed (retries exhausted), refused (4xx or URL not allowed), dropped (queue full), abandoned (VTN stopped).',
    labelNames: ['outcome'] as const, registers: [registry],
    collect() {
      this.reset();
      const w = sources.webhooks;
      if (w) for (const outcome of OUTCOMES) this.inc({ outcome }, w.outcomes[outcome]);
    },
  });
  new Counter({
    name: 'vtn_oadr3_notification_requests_total', help: 'Callback requests made for webhook notifications, retries included.', registers: [registry],
    collect() {
      this.reset();
      if (sources.webhooks) this.inc(sources.webhooks.requests);
    },
  });
  const gauge = (name: string, help: string, value: (w: WebhookStatusSource) => number) => new Gauge({
    name, help, registers: [registry],
    collect() {
      this.reset();
      if (sources.webhooks) this.set(value(sources.webhooks));
    },
  });
  gauge('vtn_oadr3_notifications_queued', 'Webhook notifications waiting for delivery on this instance.', (w) => w.queue.queued);
  gauge('vtn_oadr3_notifications_in_flight', 'Webhook callback requests in flight.', (w) => w.queue.inFlight);
}
