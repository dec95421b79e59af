// checkSchedules(dir): every problem with file, line, column, code, message and a suggestion.
import { afterEach, describe, expect, it } from 'vitest';
import { checkSchedules } from '../../../src/schedule/check-schedules.js';
import { scheduleDir, summerPeak, type ScheduleDir } from '../../integration/schedule/schedule-dir.js';

let dir: ScheduleDir;
afterEach(() => dir.remove());
const from = new Date('2026-06-01T00:00:00Z');

describe('checkSchedules', () => {
  it('a good file has no problems', () => {
    dir = scheduleDir();
    dir.writeSchedules([summerPeak()]);
    expect(checkSchedules(dir.root, { from })).toEqual([]);
  });

  it('bad cron, unknown time zone, unknown calendar, group and template: each at its line and column with a suggestion', () => {
    dir = scheduleDir();
    dir.writeRaw('config/templates.json', JSON.stringify({ templates: [{ name: 'simple-level-1', signal: { name: 'SIMPLE', type: 'level', intervals: [{ payload: 1 }] }, duration: 'PT2H' }] }));
    const peak = summerPeak();
    dir.writeSchedules([{ ...peak, cron: '0 25 * * 1-5', timezone: 'America/NewYork', skipCalendars: ['us-federal-holiday'], event: { ...peak.event, template: 'simple-level-2', targets: { groups: ['residental'] } } }]);
    const problems = checkSchedules(dir.root, { from });
    const byCode = (code: string) => problems.filter((p) => p.code === code);
    expect(byCode('E_SCHEDULE_CRON')[0]).toMatchObject({ file: 'config/schedules.json', line: 5, column: 15, severity: 'error' });
    expect(byCode('E_SCHEDULE_CRON')[0]!.message).toMatch(/hour field "25": 25 is outside 0–23/);
    expect(byCode('E_SCHEDULE_TIMEZONE')[0]).toMatchObject({ line: 6, suggestion: expect.stringMatching(/IANA|America\/New_York/) });
    const refs = byCode('E_SCHEDULE_REFERENCE').map((p) => [p.message.replace(/^schedule "[^"]+": /, ''), p.suggestion]);
    expect(refs).toEqual(expect.arrayContaining([
      ['no holiday calendar named "us-federal-holiday"', expect.stringMatching(/did you mean "us-federal-holidays"/)],
      ['no event template named "simple-level-2"', expect.stringMatching(/did you mean "simple-level-1"/)],
      ['no VEN in config/vens.json is in group "residental"', 'did you mean "residential"?'],
    ]));
    expect(problems.every((p) => p.line > 1 && p.column > 1)).toBe(true);
  });

  it('JSON syntax errors and schema errors point at the place', () => {
    dir = scheduleDir();
    dir.writeRaw('config/schedules.json', '{\n  "schedules": [\n    { "name": "x", }\n  ]\n}');
    expect(checkSchedules(dir.root)[0]).toMatchObject({ code: 'E_SCHEDULE_FILE', line: 3, message: expect.stringMatching(/not valid JSON/) });
    dir.writeSchedules([{ ...summerPeak(), colour: 'blue', event: { ...summerPeak().event, startAt: '4pm' } }]);
    const problems = checkSchedules(dir.root);
    expect(problems.map((p) => p.message)).toEqual(expect.arrayContaining([
      'schedules.0 has an unknown field "colour"',
      'schedules.0.event.startAt is "4pm", which is not a time of day',
    ]));
    expect(problems.find((p) => /startAt/.test(p.message))!.suggestion).toBe('write the time as HH:MM, e.g. 16:00');
  });

  it('durations written in words are named in plain words with their ISO form, every one of them', () => {
    dir = scheduleDir();
    dir.writeSchedules([{ ...summerPeak(), event: { ...summerPeak().event, duration: '2 hours', rampUp: '1h 30m', startAfter: 'soon' } }]);
    const problems = checkSchedules(dir.root).map((p) => [p.message, p.suggestion]);
    expect(problems).toEqual(expect.arrayContaining([
      ['schedules.0.event.duration is "2 hours", which is not an ISO 8601 duration', 'write 2 hours as PT2H'],
      ['schedules.0.event.rampUp is "1h 30m", which is not an ISO 8601 duration', 'write 1h 30m as PT1H30M'],
      ['schedules.0.event.startAfter is "soon", which is not an ISO 8601 duration', expect.stringMatching(/PT15M/)],
    ]));
    expect(problems.every(([m]) => !/must match pattern/.test(m!))).toBe(true);
  });

  it('duplicate names, impossible dates and contradictory timing', () => {
    dir = scheduleDir();
    const peak = summerPeak();
    dir.writeSchedules([peak, { ...peak, valid: { from: '2026-09-31' }, event: { ...peak.event, leadTime: 'PT1H' } }]);
    const messages = checkSchedules(dir.root).map((p) => `${p.code} ${p.message}`);
    expect(messages).toEqual(expect.arrayContaining([
      expect.stringMatching(/E_SCHEDULE_FILE schedule name "summer-weekday-peak" is used twice/),
      expect.stringMatching(/E_SCHEDULE_TIME .*valid.from is "2026-09-31", not a calendar date/),
      expect.stringMatching(/E_SCHEDULE_TIME .*startAt and event.leadTime are both given/),
    ]));
  });

  it('occurrences that overlap in one market context for the same VENs are reported; other contexts or VENs are fine', () => {
    dir = scheduleDir();
    const peak = summerPeak();
    const late = { ...peak, name: 'late-peak', event: { ...peak.event, startAt: '17:00' } };
    dir.writeSchedules([peak, late]);
    const [overlap] = checkSchedules(dir.root, { from });
    expect(overlap).toMatchObject({ code: 'E_SCHEDULE_OVERLAP', severity: 'error', file: 'config/schedules.json' });
    expect(overlap!.message).toMatch(/schedule "late-peak" .* overlaps schedule "summer-weekday-peak" .* in market context http:\/\/mc\/summer/);
    dir.writeSchedules([peak, { ...late, event: { ...late.event, marketContext: 'http://mc/other' } }]);
    expect(checkSchedules(dir.root, { from })).toEqual([]);
    dir.writeSchedules([{ ...peak, cron: '0 * * * *', months: undefined, event: { ...peak.event, startAt: undefined, duration: 'PT2H' } }]);
    expect(checkSchedules(dir.root, { from })[0]!.message).toMatch(/overlaps its own previous occurrence/);
  });
});
