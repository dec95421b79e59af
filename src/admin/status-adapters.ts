// Adapters from the rules handle, the installed scheduler and a template map to the admin status interfaces.
// Typed by shape, not by import, so the admin API builds whether or not those layers are present.
import { nextOccurrences } from '../schedule/occurrences.js';
import type { CalendarMap, Schedule } from '../schedule/schedule-types.js';
import type { AddEventOptions } from '../vtn/events/index.js';
import type { EventTemplateSource, NextOccurrence, PolicyStatus, PolicyStatusSource, ReloadResult, ScheduleStatus, ScheduleStatusSource, TemplateFillInput } from './status-sources.js';

/** A located problem as the rules and schedule loaders report it. */
export interface ProblemLike {
  file: string;
  line: number;
  column: number;
  code: string;
  message: string;
  severity?: string;
  suggestion?: string;
}

export const problemLine = (p: ProblemLike): string =>
  `${p.file}:${p.line}:${p.column} ${p.code} ${p.message}${p.suggestion ? ` (${p.suggestion})` : ''}`;

const errorsOf = (problems: readonly ProblemLike[]): ProblemLike[] => problems.filter((p) => p.severity !== 'warning');

/** The failed attempt's errors as lines and as parts. */
function reloadResult(at: string, ok: boolean, problems: readonly ProblemLike[]): ReloadResult {
  const errors = errorsOf(problems);
  return {
    at, ok, errors: errors.map(problemLine),
    problems: errors.map((p) => ({ file: p.file, line: p.line, column: p.column, code: p.code, message: p.message, ...(p.suggestion ? { suggestion: p.suggestion } : {}) })),
  };
}

/** Load counts as the reloader tallied them (src/reload-tally.ts). */
export interface ReloadTallyLike {
  succeeded: number;
  failed: number;
  lastSuccessAt: string;
  lastFailureAt?: string;
}

const counts = (t: ReloadTallyLike) => ({
  reloads: { succeeded: t.succeeded, failed: t.failed }, lastSuccessAt: t.lastSuccessAt, ...(t.lastFailureAt ? { lastFailureAt: t.lastFailureAt } : {}),
});

/** What installPolicy's handle reports (src/rules). */
export interface RulesStatusLike {
  ok: boolean;
  version: string;
  loadedAt: string;
  files: string[];
  errors: ProblemLike[];
  reloads: ReloadTallyLike;
  lastAttemptAt?: string;
}

export interface RulesHandleLike {
  status(): RulesStatusLike;
  reload(): RulesStatusLike | Promise<RulesStatusLike>;
}

/** The counts come from the rules runtime, which tallies every attempt (watcher or admin) when it ends. */
export function rulesStatusSource(handle: RulesHandleLike): PolicyStatusSource {
  const convert = (s: RulesStatusLike): PolicyStatus => ({
    version: s.version, loadedAt: s.loadedAt, files: s.files,
    lastReload: reloadResult(s.lastAttemptAt ?? s.loadedAt, s.ok, s.errors),
    ...counts(s.reloads),
  });
  return { status: () => convert(handle.status()), reload: async () => convert(await handle.reload()) };
}

/** What the schedule reloader reports (src/schedule/schedule-reloader.ts). */
export interface ScheduleReloadLike {
  ok: boolean;
  at: string;
  schedules: string[];
  problems: ProblemLike[];
}

export interface InstalledSchedulerLike {
  scheduler: { readonly set: { schedules: Schedule[]; calendars: CalendarMap } };
  reloader: {
    status(): ScheduleReloadLike | undefined;
    reload(): Promise<ScheduleReloadLike>;
    loaded(): { version: string; loadedAt: string; files: string[] };
    tally(): ReloadTallyLike;
  };
}

export function schedulerStatusSource(installed: InstalledSchedulerLike, opts: { running: () => boolean; startedAt: Date }): ScheduleStatusSource {
  const status = (): ScheduleStatus => {
    const r = installed.reloader.status();
    const { version, loadedAt, files } = installed.reloader.loaded();
    const enabled = installed.scheduler.set.schedules.filter((s) => s.enabled).length;
    return {
      version, loadedAt, files: [...files],
      running: opts.running(),
      schedules: enabled,
      lastReload: r ? reloadResult(r.at, r.ok, r.problems) : reloadResult(loadedAt, true, []),
      ...counts(installed.reloader.tally()),
    };
  };
  return {
    status,
    reload: async () => {
      await installed.reloader.reload();
      return status();
    },
    next: (count, after) => {
      const { schedules, calendars } = installed.scheduler.set;
      const all: NextOccurrence[] = schedules.flatMap((s) => nextOccurrences(s, calendars, after, count).map((o) => ({
        scheduleId: o.scheduleId, fireTime: o.fireTime.toISOString(), eventStart: o.eventStart.toISOString(),
        ...(o.eventEnd ? { eventEnd: o.eventEnd.toISOString() } : {}),
        ...(o.skip ? { skip: o.skip } : {}),
      })));
      return all.sort((a, b) => a.fireTime.localeCompare(b.fireTime)).slice(0, count);
    },
  };
}

/** Templates by name plus the function that fills one in (src/rules/templates templateToEventOptions). */
export function templateSource<T>(templates: () => ReadonlyMap<string, T>, fill: (template: T, input: TemplateFillInput) => AddEventOptions): EventTemplateSource {
  return {
    names: () => [...templates().keys()].sort(),
    toEventOptions: (name, input) => {
      const t = templates().get(name);
      return t === undefined ? undefined : fill(t, input);
    },
  };
}
