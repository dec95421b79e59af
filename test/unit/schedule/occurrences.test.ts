// The occurrence engine: filtering by weekday, month, season, validity, exceptions and holidays; lead time.
import { describe, expect, it } from 'vitest';
import { nextOccurrences, occurrencesBetween } from '../../../src/schedule/occurrences.js';
import { calendar, NO_CALENDARS, schedule } from './schedule-fixture.js';

const iso = (d: Date | undefined) => d?.toISOString();

describe('occurrencesBetween', () => {
  it('weekday cron in New York fires at local noon, Monday to Friday only, with the right UTC time in summer and winter', () => {
    const s = schedule({ cron: '0 12 * * 1-5' });
    const july = occurrencesBetween(s, NO_CALENDARS, new Date('2026-07-03T00:00:00Z'), new Date('2026-07-08T00:00:00Z'));
    // 3 July 2026 is a Friday; 4–5 are the weekend.
    expect(july.map((o) => iso(o.fireTime))).toEqual(['2026-07-03T16:00:00.000Z', '2026-07-06T16:00:00.000Z', '2026-07-07T16:00:00.000Z']);
    expect(july[0]!.fireLocal).toBe('2026-07-03 12:00 -04:00');
    const jan = occurrencesBetween(s, NO_CALENDARS, new Date('2026-01-05T00:00:00Z'), new Date('2026-01-06T00:00:00Z'));
    expect(jan.map((o) => iso(o.fireTime))).toEqual(['2026-01-05T17:00:00.000Z']);
  });

  it('the window is (after, until]: a fire exactly at `after` is not repeated, one exactly at `until` is included', () => {
    const s = schedule();
    const at = new Date('2026-07-01T16:00:00Z');
    expect(occurrencesBetween(s, NO_CALENDARS, at, new Date(at.getTime() + 1000))).toHaveLength(0);
    expect(occurrencesBetween(s, NO_CALENDARS, new Date(at.getTime() - 1000), at)).toHaveLength(1);
  });

  it('months and seasons select days; days outside them are no occurrence at all', () => {
    const summer = schedule({ months: [6, 7, 8, 9] });
    const may = occurrencesBetween(summer, NO_CALENDARS, new Date('2026-05-30T00:00:00Z'), new Date('2026-06-03T00:00:00Z'));
    expect(may.map((o) => o.eventDate)).toEqual(['2026-06-01', '2026-06-02']);
    const winter = schedule({ seasons: [{ from: '12-20', until: '01-05' }] });
    const dates = occurrencesBetween(winter, NO_CALENDARS, new Date('2025-12-18T00:00:00Z'), new Date('2026-01-08T00:00:00Z')).map((o) => o.eventDate);
    expect(dates[0]).toBe('2025-12-20');
    expect(dates.at(-1)).toBe('2026-01-05');
    expect(dates).toHaveLength(17);
  });

  it('the validity window bounds the days, both ends inclusive', () => {
    const s = schedule({ valid: { from: '2026-07-02', until: '2026-07-04' } });
    const dates = occurrencesBetween(s, NO_CALENDARS, new Date('2026-06-30T00:00:00Z'), new Date('2026-07-10T00:00:00Z')).map((o) => o.eventDate);
    expect(dates).toEqual(['2026-07-02', '2026-07-03', '2026-07-04']);
  });

  it('exception dates and holidays stay in the list, marked skipped with the reason', () => {
    const cal = calendar('us-federal-holidays', { '2026-07-03': 'Independence Day (observed)' });
    const s = schedule({ cron: '0 12 * * 1-5', skipCalendars: ['us-federal-holidays'], exceptDates: ['2026-07-07'] }, cal);
    const occ = occurrencesBetween(s, cal, new Date('2026-07-02T00:00:00Z'), new Date('2026-07-08T00:00:00Z'));
    expect(occ.map((o) => [o.eventDate, o.skip?.reason])).toEqual([
      ['2026-07-02', undefined], ['2026-07-03', 'holiday'], ['2026-07-06', undefined], ['2026-07-07', 'exception'],
    ]);
    expect(occ[1]!.skip!.detail).toBe('Independence Day (observed) (us-federal-holidays)');
  });

  it('a disabled schedule has no occurrences', () => {
    const s = { ...schedule(), enabled: false };
    expect(occurrencesBetween(s, NO_CALENDARS, new Date('2026-07-01T00:00:00Z'), new Date('2026-08-01T00:00:00Z'))).toEqual([]);
  });
});

describe('lead time', () => {
  it('startAt fires at noon for a 16:00 local event; the end follows the duration', () => {
    const s = schedule({ event: { startAt: '16:00', duration: 'PT2H', intervals: [{ duration: 'PT2H', payload: 1 }] } });
    const [o] = occurrencesBetween(s, NO_CALENDARS, new Date('2026-07-01T00:00:00Z'), new Date('2026-07-01T23:00:00Z'));
    expect(iso(o!.fireTime)).toBe('2026-07-01T16:00:00.000Z');
    expect(iso(o!.eventStart)).toBe('2026-07-01T20:00:00.000Z');
    expect(iso(o!.eventEnd)).toBe('2026-07-01T22:00:00.000Z');
    expect(o!.eventLocal).toBe('2026-07-01 16:00 -04:00');
  });

  it('day-ahead: startDaysAfter moves the event to the next day, and holidays are judged on the event day', () => {
    const cal = calendar('h', { '2026-07-03': 'Independence Day (observed)' });
    const s = schedule({ skipCalendars: ['h'], event: { startAt: '16:00', startDaysAfter: 1 } }, cal);
    const occ = occurrencesBetween(s, cal, new Date('2026-07-01T00:00:00Z'), new Date('2026-07-03T00:00:00Z'));
    expect(occ.map((o) => [o.fireLocal.slice(0, 10), o.eventDate, o.skip?.reason])).toEqual([
      ['2026-07-01', '2026-07-02', undefined], ['2026-07-02', '2026-07-03', 'holiday'],
    ]);
  });

  it('leadTime offsets the start from the fire time', () => {
    const s = schedule({ event: { leadTime: 'PT90M' } });
    const [o] = nextOccurrences(s, NO_CALENDARS, new Date('2026-07-01T00:00:00Z'), 1);
    expect(o!.eventStart.getTime() - o!.fireTime.getTime()).toBe(90 * 60_000);
  });

  it('an event that would start before it is announced is skipped, saying why', () => {
    const s = schedule({ cron: '0 17 * * *', event: { startAt: '16:00' } });
    const [o] = nextOccurrences(s, NO_CALENDARS, new Date('2026-07-01T00:00:00Z'), 1);
    expect(o!.skip).toMatchObject({ reason: 'timing' });
    expect(o!.skip!.detail).toMatch(/before it is announced/);
  });
});

describe('nextOccurrences', () => {
  it('finds the next summer weekday occurrences from winter, skipping holidays only when asked for firing ones', () => {
    const cal = calendar('us', { '2026-06-19': 'Juneteenth' });
    const s = schedule({ cron: '0 12 * * 1-5', months: [6, 7, 8, 9], skipCalendars: ['us'] }, cal);
    const all = nextOccurrences(s, cal, new Date('2026-01-01T00:00:00Z'), 15);
    expect(all[0]!.eventDate).toBe('2026-06-01');
    expect(all.filter((o) => o.skip).map((o) => o.eventDate)).toEqual(['2026-06-19']);
    const firing = nextOccurrences(s, cal, new Date('2026-01-01T00:00:00Z'), 15, { fireOnly: true });
    expect(firing.some((o) => o.eventDate === '2026-06-19')).toBe(false);
    expect(firing).toHaveLength(15);
  });

  it('stops at the horizon when a schedule never fires (30 February)', () => {
    const s = schedule({ cron: '0 12 30 2 *' });
    expect(nextOccurrences(s, NO_CALENDARS, new Date('2026-01-01T00:00:00Z'), 3, { horizonDays: 800 })).toEqual([]);
  });
});
