// A temporary project root with config/schedules.json, a holiday calendar (dates listed for 2026 and 2027) and a VEN catalogue.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ScheduleEntry } from '../../../src/schedule/schedule-types.js';

export interface ScheduleDir {
  root: string;
  writeSchedules(entries: unknown[], fileLevel?: Record<string, unknown>): void;
  writeRaw(relPath: string, text: string): void;
  remove(): void;
}

export function scheduleDir(): ScheduleDir {
  const root = mkdtempSync(join(tmpdir(), 'vtn-schedules-'));
  mkdirSync(join(root, 'config', 'calendars'), { recursive: true });
  const writeRaw = (rel: string, text: string) => writeFileSync(join(root, rel), text);
  writeRaw('config/calendars/us-federal-holidays.json', JSON.stringify({ name: 'us-federal-holidays', dates: [{ date: '2026-07-03', name: 'Independence Day (observed)' }, { date: '2027-07-05', name: 'Independence Day (observed)' }] }, null, 2));
  writeRaw('config/vens.json', JSON.stringify({ vens: [{ venName: 'maple-3', groups: ['residential'], programs: ['summer-peak'] }] }, null, 2));
  return {
    root,
    writeRaw,
    writeSchedules: (entries, fileLevel = {}) => writeRaw('config/schedules.json', JSON.stringify({ ...fileLevel, schedules: entries }, null, 2)),
    remove: () => rmSync(root, { recursive: true, force: true }),
  };
}

/** The example program, with overridable fields. */
export function summerPeak(over: Partial<ScheduleEntry> = {}): ScheduleEntry {
  return {
    name: 'summer-weekday-peak', cron: '0 12 * * 1-5', timezone: 'America/New_York', months: [6, 7, 8, 9], skipCalendars: ['us-federal-holidays'],
    event: { signalName: 'SIMPLE', signalType: 'level', intervals: [{ duration: 'PT2H', payload: 1 }], startAt: '16:00', duration: 'PT2H', marketContext: 'http://mc/summer', targets: { groups: ['residential'] } },
    ...over,
  };
}
