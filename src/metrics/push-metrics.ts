// vtn_push_*: pushes by message type and outcome, their time (all tries), and the push fleet right now.
import { Counter, Gauge, Histogram, type Registry } from 'prom-client';
import type { Vtn } from '../vtn/vtn.js';

const PUSH_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

/** Starts counting; returns the unsubscribe (a VTN without a pusher only shows zero gauges). */
export function installPushMetrics(registry: Registry, vtn: Vtn): () => void {
  const pushes = new Counter({
    name: 'vtn_push_messages_total',
    help: 'Messages pushed to push VENs, by message type and outcome (delivered, refused, failed after retries, released at stop).',
    labelNames: ['type', 'outcome'] as const,
    registers: [registry],
  });
  const tries = new Counter({ name: 'vtn_push_requests_total', help: 'HTTP requests made for pushes, retries included.', registers: [registry] });
  const duration = new Histogram({ name: 'vtn_push_duration_seconds', help: 'Time to push one message, all tries included.', labelNames: ['outcome'] as const, buckets: PUSH_BUCKETS, registers: [registry] });
  const pusher = () => vtn.push.pusher;
  new Gauge({ name: 'vtn_push_vens', help: 'Registered push VENs.', registers: [registry], collect() { this.set(pusher()?.roster.size ?? 0); } });
  new Gauge({ name: 'vtn_push_suspended_vens', help: 'Push VENs paused until their next message (retries ran out).', registers: [registry], collect() { this.set(pusher()?.roster.suspendedCount() ?? 0); } });
  new Gauge({ name: 'vtn_push_in_flight', help: 'VENs being pushed to by this instance now.', registers: [registry], collect() { this.set(pusher()?.backlog.inFlight ?? 0); } });
  new Gauge({ name: 'vtn_push_queued', help: 'VENs waiting for a push slot on this instance.', registers: [registry], collect() { this.set(pusher()?.backlog.queued ?? 0); } });
  return pusher()?.onOutcome((r) => {
    pushes.inc({ type: r.type, outcome: r.outcome.result });
    tries.inc(r.tries);
    duration.observe({ outcome: r.outcome.result }, r.ms / 1000);
  }) ?? (() => undefined);
}
