// On reload: what happens to the events of schedules that were removed or disabled. Never silent, never implicit.
import type { Logger } from '../vtn/context.js';
import type { ScheduleSet } from './load-schedules.js';
import type { SchedulerVtn } from './scheduler-types.js';
import type { Schedule } from './schedule-types.js';

/** Cancels not-yet-started events of removed/disabled schedules whose policy is cancel-future; returns their eventIds. */
export async function applyRemovals(before: ScheduleSet, after: ScheduleSet, vtn: SchedulerVtn, log: Logger): Promise<string[]> {
  const next = new Map(after.schedules.map((s) => [s.id, s]));
  const cancelled: string[] = [];
  for (const old of before.schedules) {
    const now = next.get(old.id);
    const gone = now === undefined;
    if (!gone && (now.enabled || !old.enabled)) continue;
    // A removed schedule follows its last definition; a disabled one follows what the file says now.
    const policy = (gone ? old : now as Schedule).onRemove;
    const future = (await vtn.listEvents({ withVens: false })).filter((v) => v.event.origin?.schedule === old.id && (v.status === 'far' || v.status === 'near'));
    const what = gone ? 'removed' : 'disabled';
    if (policy !== 'cancel-future') {
      log.info({ schedule: old.id, futureEvents: future.map((v) => v.event.eventId) }, `schedule ${what}; its future events are kept (onRemove: keep)`);
      continue;
    }
    for (const v of future) {
      await vtn.cancelEvent(v.event.eventId, `schedule ${old.id} ${what}`);
      cancelled.push(v.event.eventId);
    }
    log.info({ schedule: old.id, cancelled: future.map((v) => v.event.eventId) }, `schedule ${what}; its future events are cancelled (onRemove: cancel-future)`);
  }
  return cancelled;
}
