// `vtn check` coverage of schedules: everything the loader finds, plus occurrences that would overlap
// in one market context for the same VENs (the VTN would refuse the later event).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseWithPositions } from './json-positions.js';
import { templateMarketContext } from './policy-templates.js';
import { loadSchedules, type ScheduleSet } from './load-schedules.js';
import { nextOccurrences, type Occurrence } from './occurrences.js';
import { schedulePaths, type Problem } from './schedule-files.js';
import type { Schedule } from './schedule-types.js';

export interface CheckOptions {
  /** Overlaps are looked for from here; default now. */
  from?: Date;
  /** How many firing occurrences per schedule to compare; default 100. */
  horizon?: number;
}

/** Problems in the schedule files under project root `dir` (config/schedules.json, rules/schedules/, calendars, references). */
export function checkSchedules(dir: string, o: CheckOptions = {}): Problem[] {
  const paths = schedulePaths(dir);
  const result = loadSchedules(paths, o.from ?? new Date());
  if (!result.set) return result.problems;
  return [...result.problems, ...overlapProblems(result.set, dir, o.from ?? new Date(), o.horizon ?? 100)];
}

interface Span {
  s: Schedule;
  occ: Occurrence;
  start: number;
  end: number;
}

function overlapProblems(set: ScheduleSet, root: string, from: Date, horizon: number): Problem[] {
  const byContext = new Map<string, Span[]>();
  for (const s of set.schedules) {
    const template = s.event.template === undefined ? undefined : set.templates.get(s.event.template);
    const context = s.event.marketContext ?? templateMarketContext(template, set.programs) ?? '(the VTN default)';
    for (const occ of nextOccurrences(s, set.calendars, from, horizon, { fireOnly: true })) {
      const start = occ.eventStart.getTime();
      const list = byContext.get(context) ?? [];
      list.push({ s, occ, start, end: occ.eventEnd?.getTime() ?? Number.POSITIVE_INFINITY });
      byContext.set(context, list);
    }
  }
  const problems: Problem[] = [];
  const reported = new Set<string>();
  for (const [context, spans] of byContext) {
    spans.sort((a, b) => a.start - b.start);
    for (let i = 0; i < spans.length; i++) {
      for (let j = i + 1; j < spans.length && spans[j]!.start < spans[i]!.end; j++) {
        const [a, b] = [spans[i]!, spans[j]!];
        const pair = [a.s.id, b.s.id].sort().join('\u0000');
        if (reported.has(pair) || !shareVens(a.s, b.s, set)) continue;
        reported.add(pair);
        problems.push({
          ...positionOf(root, b.s), code: 'E_SCHEDULE_OVERLAP', severity: 'error',
          message: `schedule "${b.s.id}" (event ${b.occ.eventLocal}) overlaps ${a.s.id === b.s.id ? 'its own previous occurrence' : `schedule "${a.s.id}"`} (event ${a.occ.eventLocal}) in market context ${context} for the same VENs; the VTN would refuse the later event`,
          suggestion: a.s.id === b.s.id ? 'make the event shorter than the time between fires' : 'move one schedule, shorten its events, or give it another market context',
        });
      }
    }
  }
  return problems;
}

/** True when two schedules' targets can reach a common VEN (by id, or by catalogue name through groups/programs/resources). */
function shareVens(a: Schedule, b: Schedule, set: ScheduleSet): boolean {
  const audience = (s: Schedule) => {
    const t = s.event.targets;
    const names = set.catalogue.vens.filter((v) => v.groups.some((g) => t.groups?.includes(g)) || v.programs.some((p) => t.programs?.includes(p)) || v.resources.some((r) => t.resources?.includes(r)));
    return new Set([...(t.venIds ?? []), ...names.flatMap((v) => [v.name, ...(v.venId ? [v.venId] : [])])]);
  };
  const left = audience(a);
  return [...audience(b)].some((x) => left.has(x));
}

function positionOf(root: string, s: Schedule): { file: string; line: number; column: number } {
  try {
    const parsed = parseWithPositions(readFileSync(join(root, s.file), 'utf8'));
    if (!('error' in parsed)) return { file: s.file, ...parsed.positionOf(`${s.pointer}/event`) };
  } catch {
    // fall through to the file's start
  }
  return { file: s.file, line: 1, column: 1 };
}
