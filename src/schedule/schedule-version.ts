// The version of a loaded schedule set: a hash of every file it was built from, as the rules' version is,
// so an operator can tell which edit is running (GET /admin/v1/schedules, the dashboard).
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { jsonFilesIn, type SchedulePaths } from './schedule-files.js';

export interface ScheduleSource {
  /** First 12 hex digits of a SHA-256 over the files' names and contents. */
  version: string;
  /** The files read, relative to the project root. */
  files: string[];
}

/** Read after the checks: a file saved in between changes the version, and the next reload picks the edit up. */
export function scheduleSource(paths: SchedulePaths): ScheduleSource {
  const all = [...paths.scheduleFiles, ...jsonFilesIn(paths.calendarDir), paths.templatesFile, paths.programsFile, paths.catalogueFile].filter((f) => existsSync(f));
  const hash = createHash('sha256');
  const files = all.map((path) => {
    const file = relative(paths.root, path) || path;
    hash.update(file).update('\0').update(readFileSync(path)).update('\0');
    return file;
  });
  return { version: hash.digest('hex').slice(0, 12), files };
}
