// The default way an occurrence becomes an event: resolve targets at fire time, build options, vtn.addEvent.
import type { Logger } from '../vtn/context.js';
import type { ScheduleSet } from './load-schedules.js';
import { occurrenceEventOptions } from './occurrence-event.js';
import type { Occurrence } from './occurrences.js';
import { resolveTargets } from './resolve-targets.js';
import type { CreateOccurrence, SchedulerVtn } from './scheduler-types.js';
import type { Schedule } from './schedule-types.js';

export function defaultCreateOccurrence(vtn: SchedulerVtn, log: Logger): CreateOccurrence {
  return async (occ: Occurrence, s: Schedule, set: ScheduleSet, eventId: string) => {
    const targets = resolveTargets(s.event.targets, set.catalogue, await vtn.listVens());
    if (targets.unregistered.length) {
      log.warn({ schedule: s.id, fireTime: occ.fireTime.toISOString(), vens: targets.unregistered }, 'scheduled event: catalogue VENs not registered yet are left out');
    }
    if (targets.venIds.length === 0) {
      return { skip: `its targets reach no registered VEN (${targets.described.join('; ')})` };
    }
    const template = s.event.template === undefined ? undefined : set.templates.get(s.event.template);
    return (await vtn.addEvent({ ...occurrenceEventOptions(s, occ, template, set.programs, targets), eventId })).eventId;
  };
}
