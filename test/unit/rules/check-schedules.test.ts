// vtn check covers schedule files and calendars: same `file:line:column  CODE  message (suggestion)` lines, same exit rule.
import { cpSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { checkProject, renderCheck } from '../../../src/rules/cli/check-project.js';
import { policyProject, REPO_ROOT, type PolicyProject } from './policy-project.js';

let p: PolicyProject;
afterEach(() => p?.dispose());

const FROM = new Date('2026-06-01T00:00:00Z');
const check = () => renderCheck(checkProject(p.root, { from: FROM }));

/** 1-based line:column of the first occurrence of `needle` in a project file. */
function where(rel: string, needle: string): string {
  const text = p.read(rel);
  const offset = text.indexOf(needle);
  if (offset < 0) throw new Error(`${needle} not in ${rel}`);
  const before = text.slice(0, offset).split('\n');
  return `${rel}:${before.length}:${before.at(-1)!.length + 1}`;
}

function withShippedSchedules(): PolicyProject {
  const project = policyProject();
  cpSync(join(REPO_ROOT, 'config', 'schedules.json'), project.path('config/schedules.json'));
  cpSync(join(REPO_ROOT, 'config', 'calendars'), project.path('config/calendars'), { recursive: true });
  return project;
}

const schedule = (name: string, over: Record<string, unknown> = {}, event: Record<string, unknown> = {}) => ({
  name, cron: '0 12 * * 1-5', timezone: 'America/New_York',
  event: { template: 'simple-level-1', startAt: '16:00', duration: 'PT2H', targets: { groups: ['residential'] }, ...event },
  ...over,
});

describe('vtn check: schedules and calendars', () => {
  it('the shipped schedule and calendar pass, and the summary counts the schedule file', () => {
    p = withShippedSchedules();
    const out = check();
    expect(out.exitCode).toBe(0);
    expect(out.lines).toEqual([expect.stringMatching(/^✔ policy OK \(7 files, version [0-9a-f]{12}\), 1 schedule file\(s\)$/)]);
  });

  it('a bad cron, an unknown time zone and an unknown template are each reported at their line with a suggestion, exit 1', () => {
    p = withShippedSchedules();
    p.write('rules/schedules/broken.json', {
      schedules: [
        schedule('bad-cron', { cron: '0 25 * * 1-5' }),
        schedule('bad-zone', { timezone: 'America/New_Yrok' }),
        schedule('bad-template', {}, { template: 'simple-levle-1' }),
      ],
    });
    const file = 'rules/schedules/broken.json';
    const out = check();
    expect(out.exitCode).toBe(1);
    const lineOf = (code: string) => out.lines.find((l) => l.includes(`  ${code}  `)) ?? '';
    expect(lineOf('E_SCHEDULE_CRON').startsWith(`${where(file, '"0 25 * * 1-5"')}  E_SCHEDULE_CRON  `)).toBe(true);
    expect(lineOf('E_SCHEDULE_TIMEZONE').startsWith(`${where(file, '"America/New_Yrok"')}  E_SCHEDULE_TIMEZONE  `)).toBe(true);
    expect(lineOf('E_SCHEDULE_TIMEZONE')).toMatch(/America\/New_York/);
    expect(lineOf('E_SCHEDULE_REFERENCE').startsWith(`${where(file, '"simple-levle-1"')}  E_SCHEDULE_REFERENCE  `)).toBe(true);
    expect(lineOf('E_SCHEDULE_REFERENCE')).toMatch(/simple-level-1/);
    expect(out.lines).toHaveLength(4);
    expect(out.lines.at(-1)).toBe('✖ 3 error(s), 0 warning(s): the VTN would not load these files');
  });

  it('a schedule whose events overlap the shipped one for the same VENs in one market context is an error', () => {
    p = withShippedSchedules();
    // residential, weekdays, 17:00–19:00 New York: inside the shipped 16:00–18:00 summer-weekday-peak in June
    p.write('rules/schedules/double.json', { schedules: [schedule('double-booked', { months: [6, 7, 8, 9] }, { startAt: '17:00' })] });
    const out = check();
    expect(out.exitCode).toBe(1);
    expect(out.lines[0]).toMatch(/^(config\/schedules|rules\/schedules\/double)\.json:\d+:\d+  E_SCHEDULE_OVERLAP  .*(double-booked.*summer-weekday-peak|summer-weekday-peak.*double-booked)/);
    expect(out.lines.at(-1)).toMatch(/^✖ 1 error\(s\)/);
    // moved to the evening, after the shipped event ends, it is fine
    p.write('rules/schedules/double.json', { schedules: [schedule('double-booked', { months: [6, 7, 8, 9] }, { startAt: '19:00' })] });
    expect(check().exitCode).toBe(0);
  });

  it('a calendar that breaks its schema is reported with the rules problems, sorted by file', () => {
    p = withShippedSchedules();
    p.edit('config/calendars/us-federal-holidays.json', '"nth": 3, "fromYear": 1986', '"nth": 7, "fromYear": 1986');
    p.edit('rules/telemetry.json', '"operator": "greaterThan"', '"operator": "greaterThen"');
    const out = check();
    expect(out.exitCode).toBe(1);
    expect(out.lines[0]).toMatch(/^config\/calendars\/us-federal-holidays\.json:\d+:\d+  E_SCHEDULE_FILE  /);
    expect(out.lines.some((l) => l.startsWith(`${where('rules/telemetry.json', '"greaterThen"')}  P_UNKNOWN_VALUE`))).toBe(true);
  });
});
