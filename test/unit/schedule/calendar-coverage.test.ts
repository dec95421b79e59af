// A schedule that runs past the last year of a listed holiday calendar is warned about by `vtn check`
// (checkSchedules) and `vtn schedule`, at the calendar's name in skipCalendars; rule calendars never run out.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Command } from 'commander';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { registerScheduleCommand } from '../../../src/commands/schedule.js';
import { checkSchedules } from '../../../src/schedule/check-schedules.js';
import { scheduleDir, summerPeak, type ScheduleDir } from '../../integration/schedule/schedule-dir.js';

let dir: ScheduleDir;
afterEach(() => { dir.remove(); vi.restoreAllMocks(); });

const coverage = (root: string, from: string) => checkSchedules(root, { from: new Date(from) }).filter((p) => p.code === 'E_SCHEDULE_CALENDAR_RANGE');

/** line:column of the calendar's name inside skipCalendars. */
function calendarRef(root: string): { line: number; column: number } {
  const text = readFileSync(join(root, 'config', 'schedules.json'), 'utf8');
  const before = text.slice(0, text.indexOf('"us-federal-holidays"', text.indexOf('"skipCalendars"'))).split('\n');
  return { line: before.length, column: before.at(-1)!.length + 1 };
}

/** The fixture's calendar lists 2026 and 2027 only. */
function project(entry = summerPeak()): string {
  dir = scheduleDir();
  dir.writeSchedules([entry]);
  return dir.root;
}

describe('calendar coverage', () => {
  it('a validity past the calendar\'s last year: one warning at skipCalendars, with the first uncovered event and the fix', () => {
    const root = project(summerPeak({ valid: { until: '2030-09-30' } }));
    const [w, ...more] = coverage(root, '2026-06-01T00:00:00Z');
    expect(more).toEqual([]);
    expect(w).toMatchObject({ file: 'config/schedules.json', severity: 'warning', ...calendarRef(root) });
    expect(w!.message).toBe('schedule "summer-weekday-peak" is valid until 2030-09-30 but holiday calendar "us-federal-holidays" (config/calendars/us-federal-holidays.json) lists holidays only until 2027: from its event on 2028-06-01 on, no holiday is skipped');
    expect(w!.suggestion).toMatch(/^add 2028 and later years to config\/calendars\/us-federal-holidays\.json, or describe its holidays as rules/);
    // Valid only within the calendar's years (or only in months after the last listed year's end): nothing to say.
    dir.writeSchedules([summerPeak({ valid: { until: '2027-12-31' } })]);
    expect(coverage(root, '2026-06-01T00:00:00Z')).toEqual([]);
    dir.writeSchedules([summerPeak({ valid: { until: '2028-03-31' } })]);
    expect(coverage(root, '2026-06-01T00:00:00Z')).toEqual([]);
  });

  it('open-ended: warned once its occurrences within a year reach past the calendar', () => {
    const root = project();
    expect(coverage(root, '2026-06-01T00:00:00Z')).toEqual([]);
    const [w] = coverage(root, '2027-07-01T00:00:00Z');
    expect(w!.message).toMatch(/^schedule "summer-weekday-peak" has no end date \(checked 366 days ahead\) but .* until 2027: from its event on 2028-06-01 on/);
    // Disabled schedules fire nothing: no warning.
    dir.writeSchedules([summerPeak({ enabled: false })]);
    expect(coverage(root, '2027-07-01T00:00:00Z')).toEqual([]);
  });

  it('a calendar of rules covers every year', () => {
    const root = project(summerPeak({ valid: { until: '2040-09-30' } }));
    dir.writeRaw('config/calendars/us-federal-holidays.json', JSON.stringify({ name: 'us-federal-holidays', rules: [{ name: 'Independence Day', month: 7, day: 4, observed: 'nearest-weekday' }] }));
    expect(checkSchedules(root, { from: new Date('2030-06-01T00:00:00Z') })).toEqual([]);
  });

  it('vtn schedule prints the warning before the occurrences', async () => {
    const root = project(summerPeak({ valid: { until: '2030-09-30' } }));
    const errors: string[] = [];
    const lines: string[] = [];
    vi.spyOn(console, 'error').mockImplementation((l: string) => { errors.push(l); });
    vi.spyOn(console, 'log').mockImplementation((l: string) => { lines.push(l); });
    const program = new Command().exitOverride();
    registerScheduleCommand(program);
    await program.parseAsync(['schedule', '--dir', root, '--from', '2026-06-01T00:00:00Z', '--next', '2'], { from: 'user' });
    const { line, column } = calendarRef(root);
    expect(errors).toEqual([expect.stringMatching(new RegExp(`^config/schedules\\.json:${line}:${column} {2}E_SCHEDULE_CALENDAR_RANGE {2}schedule "summer-weekday-peak" is valid until 2030-09-30 .* \\(add 2028 and later years`))]);
    expect(lines.some((l) => l.includes('fire 2026-06-01 12:00 -04:00'))).toBe(true);
    expect(process.exitCode ?? 0).toBe(0);
  });
});
