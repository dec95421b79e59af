// time.* facts: the decision time seen in the policy's timezone, with the holiday list of config/programs.json.
import type { CalendarSettings } from '../catalogue/catalogue.js';

const WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];

export function calendarFacts(now: Date, calendar: CalendarSettings): Record<string, unknown> {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: calendar.timezone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23', weekday: 'long',
  }).formatToParts(now);
  const get = (type: string): string => parts.find((p) => p.type === type)?.value ?? '';
  const date = `${get('year')}-${get('month')}-${get('day')}`;
  const weekday = get('weekday').toLowerCase();
  return {
    'time.weekday': weekday,
    'time.weekend': weekday === WEEKDAYS[0] || weekday === WEEKDAYS[6],
    'time.hour': Number(get('hour')),
    'time.minute': Number(get('minute')),
    'time.month': Number(get('month')),
    'time.date': date,
    'time.holiday': calendar.holidays.includes(date),
  };
}
