// The Prometheus registry of one VTN: message counters, state gauges, policy reloads, telemetry ingest.
import { collectDefaultMetrics, Registry } from 'prom-client';
import type { Vtn } from '../vtn/vtn.js';
import { installMessageMetrics } from './message-metrics.js';
import { installPolicyMetrics, type PolicySources } from './policy-metrics.js';
import { installStateGauges, type OnlineCounter } from './state-gauges.js';
import { countTelemetryIngest } from './telemetry-ingest.js';

export interface MetricsSources {
  vtn: Vtn;
  presence: OnlineCounter;
  /** Read at scrape time: may be filled in after start-up. */
  sources: PolicySources;
  /** Include Node process metrics (CPU, memory, event-loop lag); default true. */
  processMetrics?: boolean;
}

export interface VtnMetrics {
  readonly registry: Registry;
  /** Content-Type of render()'s text. */
  readonly contentType: string;
  /** Prometheus text exposition format. */
  render(): Promise<string>;
  /** Unsubscribe from the VTN and undo the telemetry wrapper. */
  stop(): void;
}

export function createVtnMetrics(src: MetricsSources): VtnMetrics {
  const registry = new Registry();
  if (src.processMetrics !== false) collectDefaultMetrics({ register: registry, prefix: 'vtn_' });
  const stopMessages = installMessageMetrics(registry, src.vtn);
  const stopIngest = countTelemetryIngest(registry, src.vtn.telemetry);
  installStateGauges(registry, src.vtn, src.presence);
  installPolicyMetrics(registry, src.sources);
  return {
    registry,
    contentType: registry.contentType,
    render: () => registry.metrics(),
    stop() {
      stopMessages();
      stopIngest();
    },
  };
}
