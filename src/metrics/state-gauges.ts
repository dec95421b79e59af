// Gauges computed at scrape time from the VTN's state, so they are never stale and need no timer.
import { Counter, Gauge, type Registry } from 'prom-client';
import { DECISIONS_COLLECTION, type DecisionRecord } from '../rules/explain/decision-log.js';
import type { Vtn } from '../vtn/vtn.js';

/** Where the online count comes from (the admin API's VenPresence). */
export interface OnlineCounter {
  onlineCount(): number;
}

const EVENT_STATUSES = ['far', 'near', 'active', 'completed', 'cancelled'] as const;

export function installStateGauges(registry: Registry, vtn: Vtn, presence: OnlineCounter): void {
  new Gauge({
    name: 'vtn_vens_online', help: 'Registered VENs whose last message is within 3 poll periods.', registers: [registry],
    collect() { this.set(presence.onlineCount()); },
  });
  new Gauge({
    name: 'vtn_vens_registered', help: 'VENs with an accepted registration.', registers: [registry],
    collect() { this.set(vtn.store.vens.size); },
  });
  new Gauge({
    name: 'vtn_events', help: 'Events held, by status (far, near, active, completed, cancelled).', labelNames: ['status'] as const, registers: [registry],
    collect() {
      const counts = new Map<string, number>(EVENT_STATUSES.map((s) => [s, 0]));
      for (const view of vtn.listEvents()) counts.set(view.status, (counts.get(view.status) ?? 0) + 1);
      for (const [status, n] of counts) this.set({ status }, n);
    },
  });
  new Gauge({
    name: 'vtn_events_active', help: 'Events currently active.', registers: [registry],
    collect() { this.set(vtn.listEvents({ status: 'active' }).length); },
  });
  new Gauge({
    name: 'vtn_report_values_stored', help: 'Report values held in the telemetry store (after retention).', registers: [registry],
    collect() { this.set(vtn.telemetry.stats().values); },
  });
  new Gauge({
    name: 'vtn_decisions_stored', help: 'Decision records kept for explain, by trigger.', labelNames: ['trigger'] as const, registers: [registry],
    collect() {
      this.reset();
      const counts = new Map<string, number>();
      for (const rec of vtn.store.collection<DecisionRecord>(DECISIONS_COLLECTION).values()) counts.set(rec.trigger, (counts.get(rec.trigger) ?? 0) + 1);
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
}
