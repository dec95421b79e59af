// DST policy, both directions, in a European and an American zone: every wall-clock fire time fires exactly once.
import { describe, expect, it } from 'vitest';
import { occurrencesBetween } from '../../../src/schedule/occurrences.js';
import { NO_CALENDARS, schedule } from './schedule-fixture.js';

const fires = (cron: string, timezone: string, from: string, to: string, event: { startAt?: string } = {}) =>
  occurrencesBetween(schedule({ cron, timezone, event }), NO_CALENDARS, new Date(from), new Date(to));

describe.each([
  { zone: 'America/New_York', spring: '2026-03-08', fall: '2026-11-01', springGapUtc: '2026-03-08T07:00:00.000Z', fallFirstUtc: '2026-11-01T05:30:00.000Z', repeated: '01:30' },
  { zone: 'Europe/Berlin', spring: '2026-03-29', fall: '2026-10-25', springGapUtc: '2026-03-29T01:00:00.000Z', fallFirstUtc: '2026-10-25T00:30:00.000Z', repeated: '02:30' },
])('DST in $zone', ({ zone, spring, fall, springGapUtc, fallFirstUtc, repeated }) => {
  const around = (day: string): [string, string] => {
    const t = Date.parse(`${day}T12:00:00Z`);
    return [new Date(t - 3 * 86_400_000).toISOString(), new Date(t + 3 * 86_400_000).toISOString()];
  };

  it('02:30 on the spring-forward day fires exactly once, at the first instant after the gap (03:00), and says so', () => {
    const occ = fires('30 2 * * *', zone, ...around(spring));
    expect(occ).toHaveLength(6);
    const onDay = occ.filter((o) => o.fireLocal.startsWith(spring));
    expect(onDay).toHaveLength(1);
    expect(onDay[0]!.fireTime.toISOString()).toBe(springGapUtc);
    expect(onDay[0]!.fireLocal).toMatch(new RegExp(`^${spring} 03:00`));
    expect(onDay[0]!.notes.join()).toMatch(/does not exist .*fires once at 03:00/);
    expect(occ.filter((o) => o !== onDay[0]).every((o) => o.notes.length === 0)).toBe(true);
  });

  it('the repeated time on the fall-back day fires exactly once, at the first of the two', () => {
    const [h, m] = repeated.split(':').map(Number);
    const occ = fires(`${m} ${h} * * *`, zone, ...around(fall));
    expect(occ).toHaveLength(6);
    const onDay = occ.filter((o) => o.fireLocal.startsWith(fall));
    expect(onDay).toHaveLength(1);
    expect(onDay[0]!.fireTime.toISOString()).toBe(fallFirstUtc);
    expect(onDay[0]!.notes.join()).toMatch(/occurs twice .*fires once, at the first/);
  });

  it('an hourly schedule fires once per local hour: 23 times on the short day, 24 (not 25) on the long day', () => {
    const wide = (d: string) => {
      const t = Date.parse(`${d}T12:00:00Z`);
      return fires('0 * * * *', zone, new Date(t - 86_400_000).toISOString(), new Date(t + 86_400_000).toISOString()).filter((o) => o.fireLocal.startsWith(d));
    };
    expect(wide(spring)).toHaveLength(23);
    const long = wide(fall);
    expect(long).toHaveLength(24);
    expect(new Set(long.map((o) => o.fireLocal.slice(11, 16))).size).toBe(24);
  });

  it('an event start time inside the gap starts at the first valid instant after it, noted', () => {
    const occ = fires('0 0 * * *', zone, ...around(spring), { startAt: '02:30' })
      .filter((o) => o.eventDate === spring);
    expect(occ).toHaveLength(1);
    expect(occ[0]!.eventStart.toISOString()).toBe(springGapUtc);
    expect(occ[0]!.notes.join()).toMatch(/event start 02:30 does not exist/);
  });

  it('a 16:00 program keeps 16:00 local across both changes (UTC time moves by an hour)', () => {
    const occ = fires('0 16 * * *', zone, '2026-01-01T00:00:00Z', '2026-12-31T23:00:00Z');
    expect(occ).toHaveLength(365);
    expect(occ.every((o) => o.fireLocal.slice(11, 16) === '16:00' && o.notes.length === 0)).toBe(true);
    expect(new Set(occ.map((o) => o.fireTime.getUTCHours())).size).toBe(2);
  });
});
