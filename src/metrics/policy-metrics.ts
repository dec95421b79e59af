// Reload counts and health of rules and schedules, read from their status sources at scrape time.
import { Counter, Gauge, type Registry } from 'prom-client';
import type { PolicyStatusSource, ScheduleStatusSource } from '../admin/status-sources.js';

/** Read at every scrape, so sources attached after start-up are picked up. */
export interface PolicySources {
  policy?: PolicyStatusSource;
  schedules?: ScheduleStatusSource;
}

/** A counter mirroring totals the reloader keeps (each attempt counted when it ends): reset and re-add on every scrape; absent source, no series. */
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

const seconds = (iso: string | undefined): number | undefined => (iso === undefined ? undefined : Date.parse(iso) / 1000);

/** Prometheus's own style (prometheus_config_last_reload_*): 0/1 for the latest attempt, and when each outcome last happened. */
function reloadHealth(registry: Registry, prefix: string, what: string, source: () => PolicyStatusSource | ScheduleStatusSource | undefined): void {
  const gauge = (name: string, help: string, value: (s: ReturnType<PolicyStatusSource['status']>) => number | undefined) => new Gauge({
    name: `${prefix}_${name}`, help, registers: [registry],
    collect() {
      this.reset();
      const s = source()?.status();
      const v = s ? value(s) : undefined;
      if (v !== undefined) this.set(v);
    },
  });
  gauge('last_reload_successful', `1 when the latest ${what} load succeeded, 0 when it was rejected (the last good version keeps serving).`, (s) => (s.lastReload?.ok === false ? 0 : 1));
  gauge('last_reload_success_timestamp_seconds', `Unix time of the latest successful ${what} load (the first load at start).`, (s) => seconds(s.lastSuccessAt ?? s.loadedAt));
  gauge('last_reload_failure_timestamp_seconds', `Unix time of the latest rejected ${what} load; no sample until one is rejected.`, (s) => seconds(s.lastFailureAt));
}

export function installPolicyMetrics(registry: Registry, sources: PolicySources): void {
  mirroredReloads(registry, 'vtn_rule_reloads_total', 'Rule file loads and reloads since start, by result, counted as each ends.', () => sources.policy);
  mirroredReloads(registry, 'vtn_schedule_reloads_total', 'Schedule file loads and reloads since start, by result, counted as each ends.', () => sources.schedules);
  reloadHealth(registry, 'vtn_rule', 'rule', () => sources.policy);
  reloadHealth(registry, 'vtn_schedule', 'schedule', () => sources.schedules);
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
