// What schedule and holiday-calendar files contain (as written), and the checked form the engine runs on.
import type { TopLevelCondition } from 'json-rules-engine';
import type { CronSpec } from './cron-expression.js';
import type { HolidayRule } from './holiday-rules.js';
import type { LocalDate, LocalTime } from './local-date.js';

/** What to do with occurrences missed while the VTN was down. */
export type CatchUpPolicy = 'skip' | 'create-if-still-relevant';
/** What removing or disabling a schedule does to events it already created. */
export type OnRemovePolicy = 'keep' | 'cancel-future';

/** Who an occurrence's event is for; groups, resources and programs resolve through config/vens.json. */
export interface TargetSpec {
  venIds?: string[];
  groups?: string[];
  resources?: string[];
  programs?: string[];
}

export interface IntervalSpec {
  duration: string;
  payload: number;
}

/** The event each occurrence creates: a named template and/or inline fields (inline wins), timing and targets. */
export interface EventSpec {
  template?: string;
  signalName?: string;
  signalType?: string;
  intervals?: IntervalSpec[];
  duration?: string;
  marketContext?: string;
  priority?: number;
  responseRequired?: 'always' | 'never';
  rampUp?: string;
  notification?: string;
  recovery?: string;
  startAfter?: string;
  testEvent?: boolean;
  vtnComment?: string;
  /** Event start as local time (HH:MM) in the schedule's zone, on the fire day plus `startDaysAfter`. */
  startAt?: string;
  startDaysAfter?: number;
  /** Event start as an offset from the fire time (ISO 8601 duration). */
  leadTime?: string;
  targets: TargetSpec;
}

export interface ScheduleEntry {
  name: string;
  description?: string;
  enabled?: boolean;
  cron: string;
  timezone: string;
  months?: number[];
  seasons?: { from: string; until: string }[];
  valid?: { from?: string; until?: string };
  exceptDates?: string[];
  skipCalendars?: string[];
  catchUp?: CatchUpPolicy;
  onRemove?: OnRemovePolicy;
  condition?: TopLevelCondition;
  facts?: Record<string, unknown>;
  event: EventSpec;
}

export interface ScheduleFile {
  $schema?: string;
  catchUp?: CatchUpPolicy;
  onRemove?: OnRemovePolicy;
  schedules: ScheduleEntry[];
}

export interface CalendarFile {
  $schema?: string;
  name: string;
  description?: string;
  /** Listed dates (a utility's own days, or years written out). */
  dates?: (string | { date: string; name?: string })[];
  /** Holidays by rule (fixed date, nth weekday, Easter offset): every year. */
  rules?: HolidayRule[];
}

/** When an occurrence's event starts relative to its fire time. */
export type EventTiming =
  | { kind: 'at-fire' }
  | { kind: 'lead'; leadMs: number }
  | { kind: 'start-at'; time: LocalTime; daysAfter: number };

/** A checked schedule, ready for the occurrence engine. */
export interface Schedule {
  /** The schedule's name; also the id recorded with every occurrence. */
  id: string;
  /** Where it was defined (file and JSON pointer), for messages. */
  file: string;
  pointer: string;
  enabled: boolean;
  cron: CronSpec;
  timezone: string;
  months?: ReadonlySet<number>;
  /** Month-day ranges [from, until] as month*100+day; a range may wrap over new year. */
  seasons?: readonly [number, number][];
  validFrom?: LocalDate;
  validUntil?: LocalDate;
  exceptDates: ReadonlySet<string>;
  calendars: readonly string[];
  catchUp: CatchUpPolicy;
  onRemove: OnRemovePolicy;
  timing: EventTiming;
  /** Active period of each event in ms; 0 = open-ended. */
  eventDurationMs: number;
  event: EventSpec;
  condition?: TopLevelCondition;
  facts: Record<string, unknown>;
  /** The entry as written, to tell a changed schedule from an unchanged one on reload. */
  entry: ScheduleEntry;
}

/** A holiday calendar: listed dates (YYYY-MM-DD → holiday name) and rules computed for any year (holiday-lookup.ts). */
export interface HolidayCalendar {
  name: string;
  file: string;
  dates: ReadonlyMap<string, string>;
  rules?: readonly HolidayRule[];
}

export type CalendarMap = ReadonlyMap<string, HolidayCalendar>;
