// Hot reload: watch the schedule files (and the calendars, templates and catalogue they use), debounce,
// load and check everything, then swap; on any error keep the last good set and say why.
import { watch, type FSWatcher } from 'node:fs';
import { basename } from 'node:path';
import { ReloadTally, type ReloadTallyView } from '../reload-tally.js';
import { silentLogger, type Logger } from '../vtn/context.js';
import { loadSchedules } from './load-schedules.js';
import type { Problem, SchedulePaths } from './schedule-files.js';
import type { ScheduleSource } from './schedule-version.js';
import type { Scheduler } from './scheduler.js';

export interface ReloadStatus {
  /** False when the last attempt failed; the previous set is still running. */
  ok: boolean;
  at: string;
  schedules: string[];
  problems: Problem[];
  cancelled: string[];
}

/** The set that is running: its version, files and when it was loaded. */
export interface RunningSchedules extends ScheduleSource {
  loadedAt: string;
}

export interface ReloaderOptions {
  /** Recomputed on each reload so new files under rules/schedules/ are picked up. */
  paths: () => SchedulePaths;
  scheduler: Scheduler;
  /** Version and files of the set the scheduler started with. */
  installed: ScheduleSource;
  /** When that set was loaded; default now. */
  installedAt?: Date;
  log?: Logger;
  debounceMs?: number;
}

const WATCHED = new Set(['schedules.json', 'templates.json', 'programs.json', 'vens.json']);

export class ScheduleReloader {
  #o: ReloaderOptions;
  #log: Logger;
  #watchers: FSWatcher[] = [];
  #timer: NodeJS.Timeout | undefined;
  #status: ReloadStatus | undefined;
  #running: Promise<ReloadStatus> | undefined;
  #loaded: RunningSchedules;
  #tally: ReloadTally;

  constructor(o: ReloaderOptions) {
    this.#o = o;
    this.#log = o.log ?? silentLogger;
    const at = o.installedAt ?? new Date();
    this.#loaded = { ...o.installed, loadedAt: at.toISOString() };
    this.#tally = new ReloadTally(at);
  }

  /** The latest reload attempt; undefined before the first. */
  status(): ReloadStatus | undefined {
    return this.#status;
  }

  /** The running set's version, files and load time. */
  loaded(): RunningSchedules {
    return this.#loaded;
  }

  /** Loads by outcome since start, counted when each attempt ends. */
  tally(): ReloadTallyView {
    return this.#tally.view();
  }

  /** Start watching the folders that exist now. */
  watch(): void {
    for (const dir of this.#o.paths().watchDirs) {
      const w = watch(dir, (_event, name) => {
        const file = name ? basename(name.toString()) : '';
        if (file.endsWith('.json') && (WATCHED.has(file) || !dir.endsWith('config'))) this.#schedule();
      });
      w.on('error', (err) => this.#log.error({ err, dir }, 'schedule watcher failed'));
      this.#watchers.push(w);
    }
  }

  /** Load, check and swap now. Never throws: problems are in the returned status and the log. */
  async reload(): Promise<ReloadStatus> {
    await this.#running?.catch(() => undefined);
    this.#running = this.#reload();
    return this.#running;
  }

  async close(): Promise<void> {
    clearTimeout(this.#timer);
    for (const w of this.#watchers.splice(0)) w.close();
    await this.#running?.catch(() => undefined);
  }

  #schedule(): void {
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => void this.reload(), this.#o.debounceMs ?? 300);
  }

  async #reload(): Promise<ReloadStatus> {
    const now = new Date();
    const at = now.toISOString();
    const result = loadSchedules(this.#o.paths());
    for (const p of result.problems) {
      this.#log[p.severity === 'error' ? 'error' : 'warn']({ file: p.file, line: p.line, column: p.column, code: p.code, suggestion: p.suggestion }, p.message);
    }
    if (!result.set || !result.source) {
      this.#tally.failure(now);
      const kept = this.#o.scheduler.set.schedules.map((s) => s.id);
      this.#log.error({ errors: result.problems.filter((p) => p.severity === 'error').length, kept }, 'schedule reload refused: the last good schedules keep running');
      this.#status = { ok: false, at, schedules: kept, problems: result.problems, cancelled: [] };
      return this.#status;
    }
    const { cancelled } = await this.#o.scheduler.replace(result.set);
    this.#tally.success(now);
    this.#loaded = { ...result.source, loadedAt: at };
    this.#status = { ok: true, at, schedules: result.set.schedules.map((s) => s.id), problems: result.problems, cancelled };
    return this.#status;
  }
}
