// Where a project's schedule files live: cheap enough for `vtn start` to ask before it imports the scheduler.
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

export interface SchedulePaths {
  /** Schedule files: config/schedules.json and rules/schedules/*.json. */
  scheduleFiles: string[];
  /** Folders watched for changes (schedules, calendars, templates, catalogue). */
  watchDirs: string[];
  calendarDir: string;
  templatesFile: string;
  programsFile: string;
  catalogueFile: string;
  /** Paths in messages are shown relative to this. */
  root: string;
}

/** The standard layout under `root`: config/schedules.json, rules/schedules/, config/calendars/, config/templates.json, config/vens.json. */
export function schedulePaths(root: string): SchedulePaths {
  const rulesDir = join(root, 'rules', 'schedules');
  const scheduleFiles = [join(root, 'config', 'schedules.json')].filter((f) => existsSync(f));
  if (existsSync(rulesDir)) scheduleFiles.push(...jsonFilesIn(rulesDir));
  return {
    scheduleFiles, root,
    watchDirs: [join(root, 'config'), rulesDir, join(root, 'config', 'calendars')].filter((d) => existsSync(d)),
    calendarDir: join(root, 'config', 'calendars'),
    templatesFile: join(root, 'config', 'templates.json'),
    programsFile: join(root, 'config', 'programs.json'),
    catalogueFile: join(root, 'config', 'vens.json'),
  };
}

export function jsonFilesIn(dir: string): string[] {
  return existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.json')).sort().map((f) => join(dir, f)) : [];
}
