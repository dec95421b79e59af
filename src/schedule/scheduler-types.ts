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
  addEvent(options: AddEventOptions): Promise<{ eventId: string }>;
  cancelEvent(eventId: string, reason?: string): Promise<unknown>;
  getEvent(eventId: string): Promise<{ event: EventRecord; status: string } | undefined>;
  listEvents(filter?: { status?: string; withVens?: boolean }): Promise<{ event: EventRecord; status: string }[]>;
  listVens(): Promise<{ venId: string; venName?: string }[]>;
  /** Holds the occurrence claims and the last tick, and the `scheduler` lock. */
  readonly store: Store;
}

/**
 * Creates the event of one due occurrence; returns its eventId, or `{ skip: reason }` when it decides not to.
 * `eventId` is the id claimed for it in the store: give it to addEvent, so an instance that takes over a stale
 * claim finds the event, and a second create of it fails (E_EVENT_DUPLICATE) instead of making another.
 */
export type CreateOccurrence = (occ: Occurrence, schedule: Schedule, set: ScheduleSet, eventId: string) => CreateResult | Promise<CreateResult>;
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
  /** A claim older than this whose instance never settled it (it stopped mid-way) is taken over; default 2 minutes. */
  claimLeaseMs?: number;
  /** Names this scheduler in its claims and log lines; default a random UUID per process. */
  instance?: string;
}

export interface TickReport {
  created: { key: string; eventId: string; late: boolean }[];
  skipped: { key: string; reason: string }[];
  failed: { key: string; error: string }[];
  /** Set when another instance holds the scheduler lock: this tick fired nothing. */
  standby?: true;
}
