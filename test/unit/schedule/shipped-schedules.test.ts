// The shipped example program: loads cleanly, previews the right dates, and builds its event from the shared template.
import { describe, expect, it } from 'vitest';
import { PACKAGE_ROOT } from '../../../src/config/load-config.js';
import { loadSchedules } from '../../../src/schedule/load-schedules.js';
import { occurrenceEventOptions } from '../../../src/schedule/occurrence-event.js';
import { formatPreview, previewSchedules } from '../../../src/schedule/preview.js';
import { resolveTargets } from '../../../src/schedule/resolve-targets.js';
import { schedulePaths } from '../../../src/schedule/schedule-files.js';

describe('config/schedules.json (summer-weekday-peak)', () => {
  const result = loadSchedules(schedulePaths(PACKAGE_ROOT));

  it('loads without errors', () => {
    expect(result.problems.filter((p) => p.severity === 'error')).toEqual([]);
    expect(result.set!.schedules.map((s) => s.id)).toEqual(['summer-weekday-peak']);
  });

  it('previews the next 10 weekdays from mid-June with Juneteenth skipped, 16:00 New York events and the residential VENs', () => {
    const [p] = previewSchedules(result.set!, { count: 10, from: new Date('2026-06-15T00:00:00Z') });
    const fired = p!.occurrences.filter((o) => !o.skip);
    expect(fired).toHaveLength(10);
    expect(p!.occurrences.filter((o) => o.skip).map((o) => o.eventDate)).toEqual(['2026-06-19']);
    expect(fired.map((o) => o.eventDate)).toEqual(['2026-06-15', '2026-06-16', '2026-06-17', '2026-06-18', '2026-06-22', '2026-06-23', '2026-06-24', '2026-06-25', '2026-06-26', '2026-06-29']);
    expect(fired.every((o) => o.eventLocal.slice(11) === '16:00 -04:00')).toBe(true);
    expect(p!.targets[0]).toMatch(/^group residential: maple-st-bldg-3, pine-school$/);
    const text = formatPreview([p!]).join('\n');
    expect(text).toContain('fire 2026-06-19 12:00 -04:00  (UTC 2026-06-19 16:00)  SKIPPED  holiday: Juneteenth National Independence Day (us-federal-holidays)');
    expect(text).toContain('fire 2026-06-15 12:00 -04:00  (UTC 2026-06-15 16:00)  event 2026-06-15 16:00 -04:00 (UTC 2026-06-15 20:00–22:00)');
  });

  it('skips Independence Day (observed) and Labor Day, and stops after September', () => {
    const [p] = previewSchedules(result.set!, { count: 80, from: new Date('2026-06-30T00:00:00Z') });
    const skipped = p!.occurrences.filter((o) => o.skip).map((o) => o.eventDate);
    expect(skipped).toEqual(['2026-07-03', '2026-09-07', '2027-06-18']); // 2027: Juneteenth observed on Friday 18 June
    const fired = p!.occurrences.filter((o) => !o.skip);
    expect(fired.at(0)!.eventDate).toBe('2026-06-30');
    expect(fired.some((o) => o.eventDate.startsWith('2026-10'))).toBe(false);
    expect(fired.find((o) => o.eventDate > '2026-09-30')!.eventDate).toBe('2027-06-01');
  });

  it('fills the event from the simple-level-1 template and its program, with the schedule fields on top', () => {
    const set = result.set!;
    const s = set.schedules[0]!;
    const [occ] = previewSchedules(set, { count: 1, from: new Date('2026-07-01T00:00:00Z') })[0]!.occurrences;
    const targets = resolveTargets(s.event.targets, set.catalogue, [{ venId: 'VEN-PINE', venName: 'pine-school' }]);
    const opts = occurrenceEventOptions(s, occ!, set.templates.get('simple-level-1'), set.programs, targets);
    expect(opts).toMatchObject({
      venIds: ['VEN-MAPLE-3', 'VEN-PINE'], signalName: 'SIMPLE', signalType: 'level', dtstart: new Date('2026-07-01T20:00:00Z'),
      duration: 2 * 3_600_000, marketContext: 'http://utility.example/programs/summer-peak', priority: 2, rampUp: 'PT1H', startAfter: 'PT5M',
      origin: { schedule: 'summer-weekday-peak', fireTime: '2026-07-01T16:00:00.000Z' },
    });
    expect(opts.intervals).toEqual([{ duration: 2 * 3_600_000, payload: 1 }]);
  });
});
