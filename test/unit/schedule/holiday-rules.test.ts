// Rule-based holidays against published dates: Easter Sunday, the US federal holidays as OPM lists them
// (observed days), Germany's nationwide holidays; listed dates keep working beside or instead of rules.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { holidayOn, lastCoveredYear } from '../../../src/schedule/holiday-lookup.js';
import { easterSunday, holidaysInYear } from '../../../src/schedule/holiday-rules.js';
import { loadCalendars } from '../../../src/schedule/load-calendars.js';
import { formatLocalDate } from '../../../src/schedule/local-date.js';
import { schedulePaths, type Problem } from '../../../src/schedule/schedule-files.js';
import type { HolidayCalendar } from '../../../src/schedule/schedule-types.js';

const REPO = join(import.meta.dirname, '..', '..', '..');

function shipped(name: string): HolidayCalendar {
  const problems: Problem[] = [];
  const cal = loadCalendars(schedulePaths(REPO), problems).get(name);
  expect(problems).toEqual([]);
  return cal!;
}

const inYear = (cal: HolidayCalendar, year: number) => [...holidaysInYear(cal.rules!, year).keys()].sort();

// Easter Sunday as the churches' tables give it (including the earliest and latest possible dates).
const EASTER = [
  '1818-03-22', '1943-04-25', '2000-04-23', '2001-04-15', '2008-03-23', '2011-04-24', '2019-04-21', '2024-03-31', '2025-04-20',
  '2026-04-05', '2027-03-28', '2028-04-16', '2029-04-01', '2030-04-21', '2031-04-13', '2032-03-28', '2033-04-17', '2034-04-09',
  '2035-03-25', '2036-04-13', '2037-04-05', '2038-04-25', '2039-04-10', '2040-04-01', '2285-03-22',
];

// US federal holidays per OPM, on their observed days. 2022's New Year's Day (a Saturday) is observed on
// Friday 31 December 2021, 2028's on 31 December 2027. 2026–2027: the list this repository used to ship.
const US_FEDERAL: Record<number, string[]> = {
  2021: ['2021-01-01', '2021-01-18', '2021-02-15', '2021-05-31', '2021-06-18', '2021-07-05', '2021-09-06', '2021-10-11', '2021-11-11', '2021-11-25', '2021-12-24', '2021-12-31'],
  2022: ['2022-01-17', '2022-02-21', '2022-05-30', '2022-06-20', '2022-07-04', '2022-09-05', '2022-10-10', '2022-11-11', '2022-11-24', '2022-12-26'],
  2023: ['2023-01-02', '2023-01-16', '2023-02-20', '2023-05-29', '2023-06-19', '2023-07-04', '2023-09-04', '2023-10-09', '2023-11-10', '2023-11-23', '2023-12-25'],
  2024: ['2024-01-01', '2024-01-15', '2024-02-19', '2024-05-27', '2024-06-19', '2024-07-04', '2024-09-02', '2024-10-14', '2024-11-11', '2024-11-28', '2024-12-25'],
  2025: ['2025-01-01', '2025-01-20', '2025-02-17', '2025-05-26', '2025-06-19', '2025-07-04', '2025-09-01', '2025-10-13', '2025-11-11', '2025-11-27', '2025-12-25'],
  2026: ['2026-01-01', '2026-01-19', '2026-02-16', '2026-05-25', '2026-06-19', '2026-07-03', '2026-09-07', '2026-10-12', '2026-11-11', '2026-11-26', '2026-12-25'],
  2027: ['2027-01-01', '2027-01-18', '2027-02-15', '2027-05-31', '2027-06-18', '2027-07-05', '2027-09-06', '2027-10-11', '2027-11-11', '2027-11-25', '2027-12-24', '2027-12-31'],
};

const DE_NATIONAL: Record<number, string[]> = {
  2024: ['2024-01-01', '2024-03-29', '2024-04-01', '2024-05-01', '2024-05-09', '2024-05-20', '2024-10-03', '2024-12-25', '2024-12-26'],
  2025: ['2025-01-01', '2025-04-18', '2025-04-21', '2025-05-01', '2025-05-29', '2025-06-09', '2025-10-03', '2025-12-25', '2025-12-26'],
};

describe('holiday rules', () => {
  it('computes Easter Sunday for any year', () => {
    for (const date of EASTER) expect(formatLocalDate(easterSunday(Number(date.slice(0, 4))))).toBe(date);
  });

  it('the shipped US federal calendar gives OPM\'s observed dates, with names', () => {
    const us = shipped('us-federal-holidays');
    for (const [year, dates] of Object.entries(US_FEDERAL)) expect(inYear(us, Number(year)), year).toEqual(dates);
    expect(holidayOn(us, '2027-12-31')).toBe("New Year's Day (observed)");
    expect(holidayOn(us, '2026-07-03')).toBe('Independence Day (observed)');
    expect(holidayOn(us, '2026-07-04')).toBeUndefined();
    expect(holidayOn(us, '2024-05-27')).toBe('Memorial Day');
    // Juneteenth exists from 2021; every year has 10 or 11 holidays (12 when two New Year's Days fall in it).
    expect(holidayOn(us, '2020-06-19')).toBeUndefined();
    for (let year = 2028; year <= 2060; year++) expect(inYear(us, year).length, String(year)).toBeGreaterThanOrEqual(10);
    expect(lastCoveredYear(us)).toBeUndefined();
  });

  it('the shipped German and TARGET calendars give the Easter-based days', () => {
    const de = shipped('de-public-holidays');
    for (const [year, dates] of Object.entries(DE_NATIONAL)) expect(inYear(de, Number(year)), year).toEqual(dates);
    expect(holidayOn(de, '2030-06-10')).toBe('Pfingstmontag (Whit Monday)');
    const target = shipped('eu-target-holidays');
    expect(inYear(target, 2026)).toEqual(['2026-01-01', '2026-04-03', '2026-04-06', '2026-05-01', '2026-12-25', '2026-12-26']);
  });

  it('nth weekdays, the last weekday, observance, 29 February and year bounds', () => {
    const rules = [
      { name: 'fifth friday', month: 1, weekday: 'friday' as const, nth: 5 },
      { name: 'last sunday', month: 3, weekday: 'sunday' as const, nth: -1 },
      { name: 'leap', month: 2, day: 29 },
      { name: 'to monday', month: 8, day: 1, observed: 'next-monday' as const, fromYear: 2026, untilYear: 2027 },
    ];
    expect([...holidaysInYear(rules, 2027).entries()]).toEqual([['2027-01-29', 'fifth friday'], ['2027-03-28', 'last sunday'], ['2027-08-02', 'to monday (observed)']]);
    expect([...holidaysInYear(rules, 2028).keys()]).toEqual(['2028-03-26', '2028-02-29']);
    expect(holidaysInYear(rules, 2025).has('2025-08-01')).toBe(false);
  });

  it('listed dates keep working, alone or beside rules; a listed calendar ends with its last year', () => {
    const listed: HolidayCalendar = { name: 'own', file: 'config/calendars/own.json', dates: new Map([['2026-08-14', 'Storm recovery'], ['2027-03-02', 'Grid maintenance']]) };
    expect(holidayOn(listed, '2026-08-14')).toBe('Storm recovery');
    expect(holidayOn(listed, '2026-08-15')).toBeUndefined();
    expect(lastCoveredYear(listed)).toBe(2027);
    const mixed: HolidayCalendar = { ...listed, rules: [{ name: 'Christmas Day', month: 12, day: 25 }] };
    expect([holidayOn(mixed, '2026-08-14'), holidayOn(mixed, '2041-12-25')]).toEqual(['Storm recovery', 'Christmas Day']);
    expect(lastCoveredYear(mixed)).toBeUndefined();
    expect(lastCoveredYear({ ...listed, rules: [{ name: 'x', month: 1, day: 2, untilYear: 2030 }] })).toBe(2030);
  });
});
