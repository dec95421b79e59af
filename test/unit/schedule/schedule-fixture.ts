// Builds checked schedules from entries for engine tests (no files involved).
import { compileSchedule } from '../../../src/schedule/compile-schedule.js';
import type { CalendarMap, HolidayCalendar, Schedule, ScheduleEntry } from '../../../src/schedule/schedule-types.js';

export const NO_CALENDARS: CalendarMap = new Map();

export function calendar(name: string, dates: Record<string, string>): CalendarMap {
  const c: HolidayCalendar = { name, file: `${name}.json`, dates: new Map(Object.entries(dates)) };
  return new Map([[name, c]]);
}

/** A schedule with sensible defaults: noon every day in New York, a one-hour event for ven-1 at fire time. */
export function schedule(over: Omit<Partial<ScheduleEntry>, 'event'> & { event?: Partial<ScheduleEntry['event']> } = {}, calendars: CalendarMap = NO_CALENDARS): Schedule {
  const entry: ScheduleEntry = {
    name: 'test', cron: '0 12 * * *', timezone: 'America/New_York',
    ...over,
    event: { signalName: 'SIMPLE', signalType: 'level', intervals: [{ duration: 'PT1H', payload: 1 }], targets: { venIds: ['ven-1'] }, ...over.event },
  };
  const { schedule: s, problems } = compileSchedule(entry, {
    file: 'test.json', pointer: '/schedules/0', defaults: { catchUp: 'create-if-still-relevant', onRemove: 'keep' },
    calendars, templates: new Map(), catalogue: { present: false, vens: [] },
  });
  if (!s) throw new Error(`fixture schedule invalid: ${JSON.stringify(problems)}`);
  return s;
}
