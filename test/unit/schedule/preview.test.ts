// Preview text: DST adjustments and disabled schedules are spelled out.
import { describe, expect, it } from 'vitest';
import { formatPreview, previewSchedules } from '../../../src/schedule/preview.js';
import { NO_CALENDARS, schedule } from './schedule-fixture.js';

const setOf = (s: ReturnType<typeof schedule>) => ({ schedules: [s], calendars: NO_CALENDARS, templates: new Map(), programs: new Map(), catalogue: { present: false, vens: [] } });

describe('formatPreview', () => {
  it('marks the spring-forward adjustment in Berlin', () => {
    const s = schedule({ name: 'night', cron: '30 2 * * *', timezone: 'Europe/Berlin', event: { leadTime: 'PT30M' } });
    const text = formatPreview(previewSchedules(setOf(s), { count: 3, from: new Date('2026-03-27T12:00:00Z') })).join('\n');
    expect(text).toContain('night  (cron "30 2 * * *" in Europe/Berlin; event PT30M after the fire time, PT1H)');
    expect(text).toContain('fire 2026-03-29 03:00 +02:00  (UTC 2026-03-29 01:00)');
    expect(text).toContain('    DST: fire time 2026-03-29 02:30 does not exist (clocks spring forward): fires once at 03:00');
    expect(text).toContain('  targets: VEN ven-1');
  });

  it('says when a schedule is disabled', () => {
    const s = { ...schedule(), enabled: false };
    expect(formatPreview(previewSchedules(setOf(s), { count: 3, from: new Date('2026-03-27T12:00:00Z') }))).toContain('  disabled: no occurrences');
  });
});
