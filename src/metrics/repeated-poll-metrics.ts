// vtn_repeated_polls_*: how often a poll skipped the XML reader (README "Repeated polls"), read at scrape time.
import { Counter, Gauge, type Registry } from 'prom-client';
import type { RepeatedPollStats } from '../http/repeated-polls.js';

export interface RepeatedPollSource {
  stats(): RepeatedPollStats;
}

/** The HTTP server's cache, attached once it exists (`vtn start` does); without it the series read zero. */
export interface RepeatedPollSources {
  repeatedPolls?: RepeatedPollSource;
}

export function installRepeatedPollMetrics(registry: Registry, sources: RepeatedPollSources): void {
  // The cache counts from its start; a counter only moves forward, so each scrape adds what is new since the last.
  const seen = { hits: 0, misses: 0 };
  const forward = (c: Counter, key: 'hits' | 'misses') => {
    const now = sources.repeatedPolls?.stats()[key] ?? 0;
    if (now > seen[key]) c.inc(now - seen[key]);
    seen[key] = now;
  };
  new Counter({ name: 'vtn_repeated_polls_hits_total', help: 'Polls answered from their kept decoded form (the XML reader skipped).', registers: [registry], collect() { forward(this, 'hits'); } });
  new Counter({ name: 'vtn_repeated_polls_misses_total', help: 'Polls decoded because their bytes were not kept (kept afterwards if unsigned and from a proven VEN).', registers: [registry], collect() { forward(this, 'misses'); } });
  new Gauge({ name: 'vtn_repeated_polls_kept', help: 'Decoded polls kept now.', registers: [registry], collect() { this.set(sources.repeatedPolls?.stats().entries ?? 0); } });
  new Gauge({ name: 'vtn_repeated_polls_bytes', help: 'Bytes charged for the kept polls (bounded by repeatedPollCacheBytes).', registers: [registry], collect() { this.set(sources.repeatedPolls?.stats().bytes ?? 0); } });
}
