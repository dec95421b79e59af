// Counts report values as they are appended to the telemetry store.
import { Counter, type Registry } from 'prom-client';
import type { TelemetryStore } from '../telemetry/telemetry-store.js';

/**
 * Wraps `append` on this store instance. The core has no ingest observer, and the onTelemetry hook is a single
 * slot the rules layer owns, so counting at the store is the one place that sees every value. Returns the undo.
 */
export function countTelemetryIngest(registry: Registry, store: TelemetryStore): () => void {
  const ingested = new Counter({
    name: 'vtn_report_values_ingested_total',
    help: 'Report values received from VENs and stored since start.',
    registers: [registry],
  });
  const original = store.append;
  const counting: TelemetryStore['append'] = async function (this: TelemetryStore, values) {
    await original.call(this, values);
    ingested.inc(values.length);
  };
  store.append = counting;
  return () => {
    if (store.append === counting) store.append = original;
  };
}
