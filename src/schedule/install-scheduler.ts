// Start-up: load the schedule files under a project root, start the scheduler and the hot reloader.
import { VtnError } from '../errors.js';
import { silentLogger, type Logger } from '../vtn/context.js';
import { loadSchedules } from './load-schedules.js';
import { schedulePaths } from './schedule-files.js';
import { ScheduleReloader } from './schedule-reloader.js';
import { Scheduler } from './scheduler.js';
import type { SchedulerOptions, SchedulerVtn } from './scheduler-types.js';

export interface InstalledScheduler {
  scheduler: Scheduler;
  reloader: ScheduleReloader;
  close(): Promise<void>;
}

export interface InstallOptions extends Partial<Omit<SchedulerOptions, 'vtn' | 'set' | 'log'>> {
  /** Folder holding config/ and rules/. */
  root: string;
  log?: Logger;
  /** Watch the files and reload on change; default true. */
  watch?: boolean;
  debounceMs?: number;
}

/** Undefined when there are no schedule files; throws E_SCHEDULE_* when they have errors (there is no last good set yet). */
export async function installScheduler(vtn: SchedulerVtn, o: InstallOptions): Promise<InstalledScheduler | undefined> {
  const log = o.log ?? silentLogger;
  const paths = () => schedulePaths(o.root);
  if (paths().scheduleFiles.length === 0) return undefined;
  const loadedAt = new Date();
  const result = loadSchedules(paths());
  for (const p of result.problems) log[p.severity === 'error' ? 'error' : 'warn']({ file: p.file, line: p.line, column: p.column, code: p.code, suggestion: p.suggestion }, p.message);
  if (!result.set || !result.source) {
    const first = result.problems.find((p) => p.severity === 'error')!;
    throw new VtnError(first.code, `${first.file}:${first.line}:${first.column} ${first.message}`, 'run `vtn check` to see every problem in the schedule files');
  }
  const scheduler = new Scheduler({ ...o, vtn, set: result.set, log });
  await scheduler.start();
  const reloader = new ScheduleReloader({ paths, scheduler, log, installed: result.source, installedAt: loadedAt, ...(o.debounceMs !== undefined ? { debounceMs: o.debounceMs } : {}) });
  if (o.watch ?? true) reloader.watch();
  return {
    scheduler, reloader,
    async close() {
      await reloader.close();
      await scheduler.stop();
    },
  };
}
