// What the scheduler needs from the VTN (its public API only) and from the program that runs it.
import type { EventRecord } from '../store/records.js';
import type { Store } from '../store/store.js';
import type { Logger } from '../vtn/context.js';
import type { AddEventOptions } from '../vtn/events/index.js';
import type { ScheduleSet } from './load-schedules.js';
import type { Occurrence } from './occurrences.js';
import type { Schedule } from './schedule-types.js';

/** The slice of the Vtn the scheduler uses; a Vtn or VtnServer fits. */
export interface SchedulerVtn {
  addEvent(options: AddEventOptions): { eventId: string };
  cancelEvent(eventId: string, reason?: string): unknown;
  listEvents(filter?: { status?: string }): { event: EventRecord; status: string }[];
  listVens(): { venId: string; venName?: string }[];
  readonly store: Store;
}

/** Creates the event of one due occurrence; returns its eventId, or `{ skip: reason }` when it decides not to. */
export type CreateOccurrence = (occ: Occurrence, schedule: Schedule, set: ScheduleSet) => CreateResult | Promise<CreateResult>;
export type CreateResult = string | { skip: string };

export interface SchedulerOptions {
  vtn: SchedulerVtn;
  set: ScheduleSet;
  /** Clock; default: the real time. */
  now?: () => Date;
  log?: Logger;
  /** Default: resolve targets and call vtn.addEvent with origin { schedule, fireTime }. */
  createOccurrence?: CreateOccurrence;
  /** Extra facts for fire-time conditions (forecasts…), merged over the schedule's own `facts`. */
  facts?: (occ: Occurrence, schedule: Schedule) => Record<string, unknown> | Promise<Record<string, unknown>>;
  /** A fire handled later than this counts as missed (catch-up policy applies); default 2 minutes. */
  graceMs?: number;
  /** How far back catch-up looks after downtime; default 7 days. */
  maxCatchUpMs?: number;
  /** Drive tick() from a node-cron minute task after start(); default true. Tests set false and call tick(now). */
  cron?: boolean;
}

export interface TickReport {
  created: { key: string; eventId: string; late: boolean }[];
  skipped: { key: string; reason: string }[];
  failed: { key: string; error: string }[];
}
