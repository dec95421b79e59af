// Adapters from the rules handle, the installed scheduler and a template map to the admin status interfaces.
// Typed by shape, not by import, so the admin API builds whether or not those layers are present.
import { nextOccurrences } from '../schedule/occurrences.js';
import type { CalendarMap, Schedule } from '../schedule/schedule-types.js';
import type { AddEventOptions } from '../vtn/events/index.js';
import type { EventTemplateSource, NextOccurrence, PolicyStatus, PolicyStatusSource, ScheduleStatus, ScheduleStatusSource, TemplateFillInput } from './status-sources.js';

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

const errorLines = (problems: readonly ProblemLike[]): string[] => problems.filter((p) => p.severity !== 'warning').map(problemLine);

/** What installPolicy's handle reports (src/rules). */
export interface RulesStatusLike {
  ok: boolean;
  version: string;
  loadedAt: string;
  files: string[];
  errors: ProblemLike[];
  /** Successful reloads since install. */
  reloads: number;
  lastAttemptAt?: string;
}

export interface RulesHandleLike {
  status(): RulesStatusLike;
  reload(): RulesStatusLike | Promise<RulesStatusLike>;
}

/** Failed attempts are counted as seen (admin reloads, and watcher reloads noticed by a status read). */
export function rulesStatusSource(handle: RulesHandleLike): PolicyStatusSource {
  let failed = 0;
  let lastFailureSeen: string | undefined;
  const convert = (s: RulesStatusLike): PolicyStatus => {
    const at = s.lastAttemptAt ?? s.loadedAt;
    if (!s.ok && at !== lastFailureSeen) {
      failed++;
      lastFailureSeen = at;
    }
    return {
      version: s.version, loadedAt: s.loadedAt, files: s.files,
      lastReload: { at, ok: s.ok, errors: errorLines(s.errors) },
      // The install itself is the first successful load.
      reloads: { succeeded: s.reloads + 1, failed },
    };
  };
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
  reloader: { status(): ScheduleReloadLike | undefined; reload(): Promise<ScheduleReloadLike> };
}

export function schedulerStatusSource(installed: InstalledSchedulerLike, opts: { running: () => boolean; startedAt: Date }): ScheduleStatusSource {
  let succeeded = 1;
  let failed = 0;
  let lastSeen: string | undefined;
  const status = (): ScheduleStatus => {
    const r = installed.reloader.status();
    if (r && r.at !== lastSeen) {
      lastSeen = r.at;
      if (r.ok) succeeded++;
      else failed++;
    }
    const enabled = installed.scheduler.set.schedules.filter((s) => s.enabled).length;
    return {
      running: opts.running(),
      schedules: enabled,
      lastReload: r ? { at: r.at, ok: r.ok, errors: errorLines(r.problems) } : { at: opts.startedAt.toISOString(), ok: true, errors: [] },
      reloads: { succeeded, failed },
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
