// The Prometheus registry of one VTN: message counters, state gauges, policy reloads, telemetry ingest, 3.1 webhooks.
import { collectDefaultMetrics, Registry } from 'prom-client';
import type { Vtn } from '../vtn/vtn.js';
import { installMessageMetrics } from './message-metrics.js';
import { installPolicyMetrics, type PolicySources } from './policy-metrics.js';
import { installPushMetrics } from './push-metrics.js';
import { installRepeatedPollMetrics, type RepeatedPollSources } from './repeated-poll-metrics.js';
import { installStateGauges, type GaugeCacheTimes, type OnlineCounter } from './state-gauges.js';
import { countTelemetryIngest } from './telemetry-ingest.js';
import { installWebhookMetrics, type WebhookSources } from './webhook-metrics.js';

export interface MetricsSources {
  vtn: Vtn;
  presence: OnlineCounter;
  /** Read at scrape time: may be filled in after start-up. */
  sources: PolicySources & WebhookSources & RepeatedPollSources;
  /** Include Node process metrics (CPU, memory, event-loop lag); default true. */
  processMetrics?: boolean;
  /** How stale the cached state gauges may be (default GAUGE_CACHE_DEFAULTS: 5 s after a change, 60 s at most). */
  gaugeCache?: GaugeCacheTimes;
}

export interface VtnMetrics {
  readonly registry: Registry;
  /** Content-Type of render()'s text. */
  readonly contentType: string;
  /** Prometheus text exposition format. */
  render(): Promise<string>;
  /** Unsubscribe from the VTN and its store and undo the telemetry wrapper. */
  stop(): void;
}

export function createVtnMetrics(src: MetricsSources): VtnMetrics {
  const registry = new Registry();
  if (src.processMetrics !== false) collectDefaultMetrics({ register: registry, prefix: 'vtn_' });
  const stopMessages = installMessageMetrics(registry, src.vtn);
  const stopIngest = countTelemetryIngest(registry, src.vtn.telemetry);
  const stopGauges = installStateGauges(registry, src.vtn, src.presence, src.gaugeCache);
  const stopPush = installPushMetrics(registry, src.vtn);
  installRepeatedPollMetrics(registry, src.sources);
  installPolicyMetrics(registry, src.sources);
  installWebhookMetrics(registry, src.sources);
  return {
    registry,
    contentType: registry.contentType,
    render: () => registry.metrics(),
    stop() {
      stopMessages();
      stopIngest();
      stopGauges();
      stopPush();
    },
  };
}
