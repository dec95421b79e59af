// Recurring programs: the occurrence engine, schedule files, the scheduler and its reloader, preview and check.
export { parseCron, cronMatchesDay, type CronSpec } from './cron-expression.js';
export { checkTimeZone, resolveLocal, localAt, zoneOffsetMs, type LocalResolution } from './time-zone.js';
export { occurrencesBetween, nextOccurrences, occurrenceKey, type Occurrence } from './occurrences.js';
export type { CatchUpPolicy, OnRemovePolicy, Schedule, ScheduleEntry, ScheduleFile, CalendarFile, EventSpec, TargetSpec } from './schedule-types.js';
export { loadSchedules, type ScheduleSet, type LoadResult } from './load-schedules.js';
export { schedulePaths, type SchedulePaths, type Problem } from './schedule-files.js';
export { checkSchedules, type CheckOptions } from './check-schedules.js';
export { previewSchedules, formatPreview, type SchedulePreview } from './preview.js';
export { Scheduler } from './scheduler.js';
export type { SchedulerOptions, SchedulerVtn, CreateOccurrence, CreateResult, TickReport } from './scheduler-types.js';
export { ScheduleReloader, type ReloadStatus } from './schedule-reloader.js';
export { installScheduler, type InstalledScheduler, type InstallOptions } from './install-scheduler.js';
export { OCCURRENCE_COLLECTION, type OccurrenceRecord } from './occurrence-records.js';
