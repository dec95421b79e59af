// Reads the holiday calendars (config/calendars/*.json): listed dates and holiday rules, each checked.
import { basename, relative } from 'node:path';
import type { VtnError } from '../errors.js';
import type { HolidayRule } from './holiday-rules.js';
import { parseLocalDate } from './local-date.js';
import { jsonFilesIn, readValidated, type Problem, type SchedulePaths } from './schedule-files.js';
import type { CalendarFile, CalendarMap, HolidayCalendar } from './schedule-types.js';

/** Days per month in a leap year: a rule for 29 February is fine (it applies in leap years). */
const MONTH_DAYS = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function ruleProblem(rule: HolidayRule): string | undefined {
  if ('day' in rule && rule.day > MONTH_DAYS[rule.month - 1]!) return `holiday rule "${rule.name}": month ${rule.month} has no day ${rule.day}`;
  if (rule.fromYear !== undefined && rule.untilYear !== undefined && rule.fromYear > rule.untilYear) {
    return `holiday rule "${rule.name}": fromYear ${rule.fromYear} is after untilYear ${rule.untilYear}`;
  }
  return undefined;
}

export function loadCalendars(paths: SchedulePaths, problems: Problem[]): CalendarMap {
  const out = new Map<string, HolidayCalendar>();
  for (const path of jsonFilesIn(paths.calendarDir)) {
    const read = readValidated<CalendarFile>(path, 'calendarFile', paths.root);
    problems.push(...read.problems);
    if (!read.data) continue;
    const data = read.data;
    const file = relative(paths.root, path);
    const dates = new Map<string, string>();
    (data.dates ?? []).forEach((d, i) => {
      const date = typeof d === 'string' ? d : d.date;
      try {
        parseLocalDate(date, 'date');
        dates.set(date, typeof d === 'string' ? data.name : d.name ?? data.name);
      } catch (err) {
        problems.push({ file, ...read.positionOf(`/dates/${i}`), code: 'E_SCHEDULE_TIME', message: (err as VtnError).message, severity: 'error' });
      }
    });
    const rules = data.rules ?? [];
    rules.forEach((rule, i) => {
      const message = ruleProblem(rule);
      if (message) problems.push({ file, ...read.positionOf(`/rules/${i}`), code: 'E_SCHEDULE_TIME', message, severity: 'error', suggestion: 'fix the month and day, or the years the holiday exists' });
    });
    if (data.name !== basename(path, '.json')) {
      problems.push({ file, ...read.positionOf('/name'), code: 'E_SCHEDULE_FILE', message: `calendar name "${data.name}" differs from its file name`, suggestion: `schedules refer to it as "${data.name}"; rename one of them to avoid confusion`, severity: 'warning' });
    }
    out.set(data.name, { name: data.name, file, dates, ...(rules.length ? { rules } : {}) });
  }
  return out;
}
