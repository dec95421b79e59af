// Reload counts and health of rules and schedules, read from their status sources at scrape time.
import { Counter, Gauge, type Registry } from 'prom-client';
import type { PolicyStatusSource, ScheduleStatusSource } from '../admin/status-sources.js';

/** Read at every scrape, so sources attached after start-up are picked up. */
export interface PolicySources {
  policy?: PolicyStatusSource;
  schedules?: ScheduleStatusSource;
}

/** A counter mirroring totals kept by someone else: reset and re-add on every scrape; absent source, no series. */
function mirroredReloads(registry: Registry, name: string, help: string, source: () => PolicyStatusSource | ScheduleStatusSource | undefined): void {
  new Counter({
    name, help, labelNames: ['result'] as const, registers: [registry],
    collect() {
      this.reset();
      const s = source();
      if (!s) return;
      const { reloads } = s.status();
      this.inc({ result: 'success' }, reloads.succeeded);
      this.inc({ result: 'failure' }, reloads.failed);
    },
  });
}

export function installPolicyMetrics(registry: Registry, sources: PolicySources): void {
  mirroredReloads(registry, 'vtn_rule_reloads_total', 'Rule file loads and reloads since start, by result.', () => sources.policy);
  mirroredReloads(registry, 'vtn_schedule_reloads_total', 'Schedule file loads and reloads since start, by result.', () => sources.schedules);
  new Gauge({
    name: 'vtn_rules_loaded_ok', help: '1 when the rules are loaded and the latest load succeeded, 0 when it failed (the last good version keeps running).', registers: [registry],
    collect() {
      this.reset();
      const s = sources.policy?.status();
      if (s) this.set(s.version !== undefined && s.lastReload?.ok !== false ? 1 : 0);
    },
  });
  new Gauge({
    name: 'vtn_scheduler_running', help: '1 while the scheduler tick runs.', registers: [registry],
    collect() {
      this.reset();
      const s = sources.schedules?.status();
      if (s) this.set(s.running ? 1 : 0);
    },
  });
}
