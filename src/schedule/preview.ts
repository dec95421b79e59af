// `vtn schedule --next N`: the next occurrences per schedule with local and UTC times, targets, skips and DST notes.
import { formatDuration } from '../oadr/duration.js';
import type { ScheduleSet } from './load-schedules.js';
import { formatLocalTime } from './local-date.js';
import { nextOccurrences, type Occurrence } from './occurrences.js';
import { resolveTargets, type RegisteredVen } from './resolve-targets.js';
import type { Schedule } from './schedule-types.js';

export interface SchedulePreview {
  schedule: Schedule;
  targets: string[];
  /** The next `count` firing occurrences, with skipped ones in between. */
  occurrences: Occurrence[];
}

/** The same engine that fires events computes the preview, so what it shows is what will happen. */
export function previewSchedules(set: ScheduleSet, o: { count: number; name?: string; from: Date; registered?: readonly RegisteredVen[] }): SchedulePreview[] {
  return set.schedules.filter((s) => !o.name || s.id === o.name).map((s) => {
    const all = nextOccurrences(s, set.calendars, o.from, o.count * 3 + 10);
    const out: Occurrence[] = [];
    let firing = 0;
    for (const occ of all) {
      if (firing >= o.count) break;
      out.push(occ);
      if (!occ.skip) firing++;
    }
    return { schedule: s, targets: resolveTargets(s.event.targets, set.catalogue, o.registered ?? []).described, occurrences: out };
  });
}

/** Plain-text lines for the terminal. */
export function formatPreview(previews: SchedulePreview[]): string[] {
  const lines: string[] = [];
  for (const { schedule: s, targets, occurrences } of previews) {
    lines.push(`${s.id}  (cron "${s.cron.source}" in ${s.timezone}; event ${timingText(s)}${s.enabled ? '' : '; DISABLED'})`);
    lines.push(`  targets: ${targets.join('; ') || '(none)'}`);
    if (!s.enabled) lines.push('  disabled: no occurrences');
    else if (occurrences.length === 0) lines.push('  no occurrences in the next three years');
    for (const occ of occurrences) {
      const end = occ.eventEnd ? occ.eventEnd.toISOString().slice(11, 16) : 'open-ended';
      const what = occ.skip ? `SKIPPED  ${occ.skip.reason}: ${occ.skip.detail}` : `event ${occ.eventLocal} (UTC ${occ.eventStart.toISOString().slice(0, 16).replace('T', ' ')}–${end})`;
      lines.push(`  fire ${occ.fireLocal}  (UTC ${occ.fireTime.toISOString().slice(0, 16).replace('T', ' ')})  ${what}`);
      for (const note of occ.notes) lines.push(`    DST: ${note}`);
    }
    lines.push('');
  }
  return lines;
}

function timingText(s: Schedule): string {
  const t = s.timing;
  const length = s.eventDurationMs === 0 ? 'open-ended' : formatDuration(s.eventDurationMs);
  if (t.kind === 'start-at') return `at ${formatLocalTime(t.time)}${t.daysAfter ? ` ${t.daysAfter} day(s) later` : ''}, ${length}`;
  if (t.kind === 'lead') return `${formatDuration(t.leadMs)} after the fire time, ${length}`;
  return `at the fire time, ${length}`;
}
