import { describe, expect, it } from 'vitest';
import { cronMatchesDay, parseCron } from '../../../src/schedule/cron-expression.js';

describe('parseCron', () => {
  it('reads lists, ranges, steps and names', () => {
    const c = parseCron('*/15 9-17/4 1,15 jun-SEP mon-fri');
    expect(c.minutes).toEqual([0, 15, 30, 45]);
    expect(c.hours).toEqual([9, 13, 17]);
    expect([...c.daysOfMonth].sort((a, b) => a - b)).toEqual([1, 15]);
    expect([...c.months].sort((a, b) => a - b)).toEqual([6, 7, 8, 9]);
    expect([...c.daysOfWeek].sort()).toEqual([1, 2, 3, 4, 5]);
  });

  it('treats 7 as Sunday and a step from a single value as running to the end', () => {
    expect([...parseCron('0 0 * * 7').daysOfWeek]).toEqual([0]);
    expect(parseCron('10/20 * * * *').minutes).toEqual([10, 30, 50]);
  });

  it('matches days with classic cron semantics: both day fields restricted means either', () => {
    const both = parseCron('0 0 13 * 5'); // the 13th or any Friday
    expect(cronMatchesDay(both, 3, 13, 2)).toBe(true);
    expect(cronMatchesDay(both, 3, 6, 5)).toBe(true);
    expect(cronMatchesDay(both, 3, 7, 6)).toBe(false);
    const weekdays = parseCron('0 12 * * 1-5');
    expect(cronMatchesDay(weekdays, 7, 4, 6)).toBe(false);
    expect(cronMatchesDay(weekdays, 7, 6, 1)).toBe(true);
    expect(cronMatchesDay(parseCron('0 12 * 6 *'), 7, 6, 1)).toBe(false);
  });

  it.each([
    ['', /empty/],
    ['0 12 * *', /4 fields, expected 5/],
    ['0 0 12 * * *', /seconds field is not supported/],
    ['60 * * * *', /minute field "60": 60 is outside 0–59/],
    ['0 24 * * *', /hour field "24"/],
    ['0 0 0 * *', /day-of-month field "0": 0 is outside 1–31/],
    ['0 0 * 13 *', /month field/],
    ['0 0 * * 8', /day-of-week field/],
    ['0 0 * * mon-xyz', /"xyz" is not a number or a name \(sun, mon/],
    ['0 17-9 * * *', /range 17-9 runs backwards/],
    ['*/0 * * * *', /step "0" must be a whole number of at least 1/],
    ['1,,2 * * * *', /empty list item/],
  ])('refuses %j with a clear message', (expr, message) => {
    expect(() => parseCron(expr)).toThrowError(message);
    try {
      parseCron(expr);
    } catch (err) {
      expect(err).toMatchObject({ code: 'E_SCHEDULE_CRON' });
    }
  });
});
