// Loads every schedule file with its calendars, templates and VEN catalogue into one checked set (all or nothing).
import { relative } from 'node:path';
import { VtnError } from '../errors.js';
import { calendarCoverageProblems } from './calendar-coverage.js';
import { compileSchedule } from './compile-schedule.js';
import { readPolicyTemplates, type TemplateMap } from './policy-templates.js';
import type { Program } from '../rules/catalogue/catalogue.js';
import { loadCalendars } from './load-calendars.js';
import { readValidated, type Problem, type SchedulePaths } from './schedule-files.js';
import { scheduleSource, type ScheduleSource } from './schedule-version.js';
import type { CalendarMap, Schedule, ScheduleFile } from './schedule-types.js';
import { readVenCatalogue, type VenCatalogue } from './ven-catalogue.js';

export interface ScheduleSet {
  schedules: Schedule[];
  calendars: CalendarMap;
  templates: TemplateMap;
  /** Programs of config/programs.json: a template's program gives its market context and defaults. */
  programs: ReadonlyMap<string, Program>;
  catalogue: VenCatalogue;
}

export interface LoadResult {
  /** Present when there is no error (warnings allowed). */
  set?: ScheduleSet;
  /** Version and files of the set; present with it. */
  source?: ScheduleSource;
  problems: Problem[];
}

/** Reads and checks everything; any error means no set, so a reload keeps the last good one. `now`: calendar coverage is checked from here. */
export function loadSchedules(paths: SchedulePaths, now: Date = new Date()): LoadResult {
  const problems: Problem[] = [];
  const at = (file: string) => relative(paths.root, file) || file;
  const fileProblem = (file: string, err: unknown): Problem => ({
    file: at(file), line: 1, column: 1, code: err instanceof VtnError ? err.code : 'E_SCHEDULE_FILE', message: (err as Error).message, severity: 'error',
  });
  const calendars = loadCalendars(paths, problems);
  let templates: TemplateMap = new Map();
  let programs: ReadonlyMap<string, Program> = new Map();
  let catalogue: VenCatalogue = { present: false, vens: [] };
  const catalogueProblems: Problem[] = [];
  try { catalogue = readVenCatalogue(paths.catalogueFile); } catch (err) { catalogueProblems.push(fileProblem(paths.catalogueFile, err)); }
  try {
    const read = readPolicyTemplates(paths.templatesFile, paths.programsFile, catalogue.file);
    ({ templates, programs } = read);
    if (read.templatesBroken) problems.push({ ...fileProblem(paths.templatesFile, new Error('the templates file has errors, so schedules cannot use its templates')), severity: 'warning', suggestion: 'run `vtn check` for the details' });
  } catch (err) { problems.push(fileProblem(paths.templatesFile, err)); }
  problems.push(...catalogueProblems);

  const schedules: Schedule[] = [];
  const seen = new Map<string, string>();
  for (const path of paths.scheduleFiles) {
    const read = readValidated<ScheduleFile>(path, 'scheduleFile', paths.root);
    problems.push(...read.problems);
    if (!read.data) continue;
    const defaults = { catchUp: read.data.catchUp ?? 'create-if-still-relevant', onRemove: read.data.onRemove ?? 'keep' } as const;
    read.data.schedules.forEach((entry, i) => {
      const pointer = `/schedules/${i}`;
      const { schedule, problems: found } = compileSchedule(entry, { file: at(path), pointer, defaults, calendars, templates, catalogue });
      for (const p of found) problems.push({ file: at(path), ...read.positionOf(p.pointer), code: p.code, message: `schedule "${entry.name}": ${p.message}`, severity: p.warning ? 'warning' : 'error', ...(p.suggestion ? { suggestion: p.suggestion } : {}) });
      const earlier = seen.get(entry.name);
      if (earlier) {
        problems.push({ file: at(path), ...read.positionOf(`${pointer}/name`), code: 'E_SCHEDULE_FILE', message: `schedule name "${entry.name}" is used twice (first in ${earlier})`, suggestion: 'give every schedule a unique name: it identifies the events it created', severity: 'error' });
      }
      seen.set(entry.name, at(path));
      if (schedule) schedules.push(schedule);
      if (schedule) problems.push(...calendarCoverageProblems(schedule, calendars, now, read.positionOf));
    });
  }
  const failed = problems.some((p) => p.severity === 'error');
  return failed ? { problems } : { set: { schedules, calendars, templates, programs, catalogue }, source: scheduleSource(paths), problems };
}
