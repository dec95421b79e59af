// Gauges read from the VTN's state at scrape time: counts by count(), the rest from caches that a change notice
// (or their age) refreshes, so a scrape costs no collection scan while nothing changed.
import { Counter, Gauge, type Registry } from 'prom-client';
import { pages } from '../store/store-pages.js';
import type { EventRecord } from '../store/records.js';
import { DECISIONS_COLLECTION, type DecisionRecord } from '../rules/explain/decision-log.js';
import { eventStatus } from '../vtn/events/index.js';
import type { Vtn } from '../vtn/vtn.js';
import { ScrapeCache, type ScrapeCacheOptions } from './scrape-cache.js';

/** Where the online count comes from (the admin API's VenPresence). */
export interface OnlineCounter {
  onlineCount(): Promise<number>;
}

/** How stale a cached gauge may be: recomputed on change after minMs, and at least every maxMs. */
export type GaugeCacheTimes = Pick<ScrapeCacheOptions, 'minMs' | 'maxMs'>;
export const GAUGE_CACHE_DEFAULTS: GaugeCacheTimes = { minMs: 5_000, maxMs: 60_000 };

const EVENT_STATUSES = ['far', 'near', 'active', 'completed', 'cancelled'] as const;

/** Every record of a collection, read page by page (for caches only). */
async function allOf<T>(vtn: Vtn, name: string): Promise<T[]> {
  const out: T[] = [];
  for await (const page of pages(vtn.store, (u) => u.collection<T>(name))) for (const r of page) out.push(r.value);
  return out;
}

/** Installs the gauges; returns the stop of their store listeners. */
export function installStateGauges(registry: Registry, vtn: Vtn, presence: OnlineCounter, times: GaugeCacheTimes = GAUGE_CACHE_DEFAULTS): () => void {
  const opts: ScrapeCacheOptions = { ...times, now: () => vtn.ctx.now().getTime() };
  const online = new ScrapeCache(vtn.store, ['presence', 'vens'], () => presence.onlineCount(), opts);
  // Records, not statuses: a status moves with the clock, so it is computed at every scrape from the cached events.
  const events = new ScrapeCache(vtn.store, ['events'], () => allOf<EventRecord>(vtn, 'events'), opts);
  const decisions = new ScrapeCache(vtn.store, [DECISIONS_COLLECTION], async () => {
    const counts = new Map<string, number>();
    for (const rec of await allOf<DecisionRecord>(vtn, DECISIONS_COLLECTION)) counts.set(rec.trigger, (counts.get(rec.trigger) ?? 0) + 1);
    return counts;
  }, opts);
  const statusCounts = async (): Promise<Map<string, number>> => {
    const counts = new Map<string, number>(EVENT_STATUSES.map((s) => [s, 0]));
    const now = vtn.ctx.now();
    for (const rec of await events.get()) {
      const status = eventStatus(rec, now);
      counts.set(status, (counts.get(status) ?? 0) + 1);
    }
    return counts;
  };

  new Gauge({
    name: 'vtn_vens_online', help: 'Registered VENs whose last message is within 3 poll periods.', registers: [registry],
    async collect() { this.set(await online.get()); },
  });
  new Gauge({
    name: 'vtn_vens_registered', help: 'VENs with an accepted registration.', registers: [registry],
    async collect() { this.set(await vtn.store.unit((u) => u.vens.count(), { label: 'metrics read' })); },
  });
  new Gauge({
    name: 'vtn_events', help: 'Events held, by status (far, near, active, completed, cancelled).', labelNames: ['status'] as const, registers: [registry],
    async collect() {
      for (const [status, n] of await statusCounts()) this.set({ status }, n);
    },
  });
  new Gauge({
    name: 'vtn_events_active', help: 'Events currently active.', registers: [registry],
    async collect() { this.set((await statusCounts()).get('active') ?? 0); },
  });
  new Gauge({
    name: 'vtn_report_values_stored', help: 'Report values held in the telemetry store (after retention).', registers: [registry],
    async collect() { this.set((await vtn.telemetry.stats()).values); },
  });
  new Gauge({
    name: 'vtn_decisions_stored', help: 'Decision records kept for explain, by trigger.', labelNames: ['trigger'] as const, registers: [registry],
    async collect() {
      const counts = await decisions.get();
      this.reset();
      for (const [trigger, n] of counts) this.set({ trigger }, n);
    },
  });
  new Counter({
    name: 'vtn_registrations_refused_total', help: 'Refused registrations since start, by OpenADR code (per-name counts: GET /admin/v1/refusals).',
    labelNames: ['code'] as const, registers: [registry],
    collect() {
      this.reset();
      for (const [code, n] of vtn.ctx.refusals.byCode()) this.inc({ code: String(code) }, n);
    },
  });
  return () => {
    online.stop();
    events.stop();
    decisions.stop();
  };
}
