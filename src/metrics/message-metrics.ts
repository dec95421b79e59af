// Counters and latency histograms fed by vtn.onMessage: one observation per handled OpenADR message.
import { Counter, Histogram, type Registry } from 'prom-client';
import type { Vtn } from '../vtn/vtn.js';

/** Poll answers are sub-millisecond to a few hundred ms; buckets in seconds. */
const LATENCY_BUCKETS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5];

/** Starts counting; returns the unsubscribe. */
export function installMessageMetrics(registry: Registry, vtn: Vtn): () => void {
  const messages = new Counter({
    name: 'vtn_openadr_messages_total',
    help: 'OpenADR messages handled, by incoming message type and response code (OpenADR code, or HTTP status for refused bodies).',
    labelNames: ['type', 'code'] as const,
    registers: [registry],
  });
  const duration = new Histogram({
    name: 'vtn_openadr_message_duration_seconds',
    help: 'Time to handle one OpenADR message, by incoming message type.',
    labelNames: ['type'] as const,
    buckets: LATENCY_BUCKETS,
    registers: [registry],
  });
  const poll = new Histogram({
    name: 'vtn_poll_duration_seconds',
    help: 'Time to answer one oadrPoll.',
    buckets: LATENCY_BUCKETS,
    registers: [registry],
  });
  return vtn.onMessage((m) => {
    messages.inc({ type: m.type, code: String(m.code) });
    duration.observe({ type: m.type }, m.ms / 1000);
    if (m.type === 'oadrPoll') poll.observe(m.ms / 1000);
  });
}
