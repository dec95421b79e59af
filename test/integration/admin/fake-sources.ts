// Controllable stand-ins for the rules and scheduler status sources.
import type { PolicyStatus, PolicyStatusSource, ScheduleStatus, ScheduleStatusSource, NextOccurrence } from '../../../src/admin/index.js';

export class FakePolicy implements PolicyStatusSource {
  current: PolicyStatus = { version: 'v-abc', loadedAt: '2026-06-01T11:00:00.000Z', files: ['rules/registration.json'], lastReload: { at: '2026-06-01T11:00:00.000Z', ok: true, errors: [] }, reloads: { succeeded: 1, failed: 0 } };
  /** What the next reload does. */
  nextReloadErrors: string[] = [];
  reloadCalls = 0;
  status(): PolicyStatus {
    return this.current;
  }
  async reload(): Promise<PolicyStatus> {
    this.reloadCalls++;
    const ok = this.nextReloadErrors.length === 0;
    this.current = {
      ...this.current,
      lastReload: { at: new Date().toISOString(), ok, errors: [...this.nextReloadErrors] },
      reloads: { succeeded: this.current.reloads.succeeded + (ok ? 1 : 0), failed: this.current.reloads.failed + (ok ? 0 : 1) },
    };
    return this.current;
  }
}

export class FakeSchedules implements ScheduleStatusSource {
  running = true;
  reloads = { succeeded: 1, failed: 0 };
  occurrences: NextOccurrence[] = [];
  status(): ScheduleStatus {
    return { running: this.running, schedules: 2, reloads: this.reloads, lastReload: { at: '2026-06-01T11:00:00.000Z', ok: true, errors: [] } };
  }
  async reload(): Promise<ScheduleStatus> {
    this.reloads = { ...this.reloads, succeeded: this.reloads.succeeded + 1 };
    return this.status();
  }
  next(count: number, after: Date): NextOccurrence[] {
    return this.occurrences.filter((o) => o.fireTime > after.toISOString()).slice(0, count);
  }
}
