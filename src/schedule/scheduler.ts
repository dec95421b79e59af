// The scheduler: a node-cron minute tick creates every due occurrence once, catches up after downtime,
// and swaps schedule sets on reload. It talks to the VTN only through its public API.
import { schedule as cronSchedule, type ScheduledTask } from 'node-cron';
import { silentLogger, type Logger } from '../vtn/context.js';
import { defaultCreateOccurrence } from './create-occurrence.js';
import { conditionHolds, occurrenceFacts } from './fire-condition.js';
import type { ScheduleSet } from './load-schedules.js';
import { originOf } from './occurrence-event.js';
import { lastTick, occurrenceRecords, setLastTick, type OccurrenceRecord } from './occurrence-records.js';
import { occurrencesBetween, type Occurrence } from './occurrences.js';
import { applyRemovals } from './removed-schedules.js';
import type { CreateOccurrence, SchedulerOptions, SchedulerVtn, TickReport } from './scheduler-types.js';
import type { Schedule } from './schedule-types.js';

const MINUTE = 60_000;

export class Scheduler {
  #vtn: SchedulerVtn;
  #set: ScheduleSet;
  #now: () => Date;
  #log: Logger;
  #create: CreateOccurrence;
  #facts: SchedulerOptions['facts'];
  #graceMs: number;
  #maxCatchUpMs: number;
  #task: ScheduledTask | undefined;
  #useCron: boolean;
  #queue: Promise<unknown> = Promise.resolve();

  constructor(o: SchedulerOptions) {
    this.#vtn = o.vtn;
    this.#set = o.set;
    this.#now = o.now ?? (() => new Date());
    this.#log = o.log ?? silentLogger;
    this.#create = o.createOccurrence ?? defaultCreateOccurrence(o.vtn, this.#log);
    this.#facts = o.facts;
    this.#graceMs = o.graceMs ?? 2 * MINUTE;
    this.#maxCatchUpMs = o.maxCatchUpMs ?? 7 * 24 * 60 * MINUTE;
    this.#useCron = o.cron ?? true;
  }

  get set(): ScheduleSet {
    return this.#set;
  }

  /** Catch up now, then tick every minute (node-cron). */
  start(): Promise<TickReport> {
    if (this.#useCron) this.#task ??= cronSchedule('* * * * *', () => this.tick().then(() => undefined, (err: unknown) => this.#log.error({ err }, 'schedule tick failed')), { name: 'vtn-schedules', noOverlap: true });
    this.#log.info({ schedules: this.#set.schedules.map((s) => s.id) }, 'scheduler started');
    return this.tick();
  }

  async stop(): Promise<void> {
    await this.#task?.destroy();
    this.#task = undefined;
    await this.#queue.catch(() => undefined);
  }

  /** Handle every occurrence with a fire time since the last tick (bounded by maxCatchUpMs) up to `now`. Serialised. */
  tick(now: Date = this.#now()): Promise<TickReport> {
    const run = this.#queue.then(() => this.#tick(now));
    this.#queue = run.catch(() => undefined);
    return run;
  }

  /** Swap in a reloaded set; removed or disabled schedules cancel future events only with onRemove: cancel-future. */
  replace(set: ScheduleSet): Promise<{ cancelled: string[] }> {
    const run = this.#queue.then(() => {
      const cancelled = applyRemovals(this.#set, set, this.#vtn, this.#log);
      this.#set = set;
      this.#log.info({ schedules: set.schedules.map((s) => s.id) }, 'schedules reloaded');
      return { cancelled };
    });
    this.#queue = run.catch(() => undefined);
    return run;
  }

  async #tick(now: Date): Promise<TickReport> {
    const report: TickReport = { created: [], skipped: [], failed: [] };
    const store = this.#vtn.store;
    const t = now.getTime();
    const since = new Date(Math.min(t, Math.max(lastTick(store) ?? t, t - this.#maxCatchUpMs)));
    const due = this.#set.schedules
      .flatMap((s) => occurrencesBetween(s, this.#set.calendars, since, now).map((occ) => [s, occ] as const))
      .sort((a, b) => a[1].fireTime.getTime() - b[1].fireTime.getTime());
    for (const [s, occ] of due) await this.#handle(s, occ, now, report);
    setLastTick(store, now);
    return report;
  }

  async #handle(s: Schedule, occ: Occurrence, now: Date, report: TickReport): Promise<void> {
    const records = occurrenceRecords(this.#vtn.store);
    if (records.has(occ.key)) return;
    const base = { scheduleId: s.id, fireTime: occ.fireTime.toISOString(), at: now.toISOString() };
    const log = { schedule: s.id, fireTime: base.fireTime, fireLocal: occ.fireLocal, eventStart: occ.eventStart.toISOString(), ...(occ.notes.length ? { dst: occ.notes } : {}) };
    const skip = (reason: string) => {
      records.put(occ.key, { ...base, outcome: 'skipped', reason });
      report.skipped.push({ key: occ.key, reason });
      this.#log.info({ ...log, reason }, 'scheduled occurrence skipped');
    };
    // 1. already created (e.g. the record was lost in a crash right after addEvent)
    const existing = this.#existingEventId(occ);
    if (existing) {
      records.put(occ.key, { ...base, outcome: 'created', eventId: existing, reason: 'found by origin' });
      return;
    }
    // 2. day filters and catch-up policy
    if (occ.skip) return skip(`${occ.skip.reason}: ${occ.skip.detail}`);
    const late = now.getTime() - occ.fireTime.getTime() > this.#graceMs;
    if (late && s.catchUp === 'skip') return skip('missed while the scheduler was not running (catchUp: skip)');
    if (late && occ.eventEnd && occ.eventEnd.getTime() <= now.getTime()) return skip('missed while the scheduler was not running; its event is already over');
    try {
      // 3. fire-time condition
      if (s.condition) {
        const facts = { ...s.facts, ...(await this.#facts?.(occ, s)), ...occurrenceFacts(occ) };
        if (!(await conditionHolds(s.condition, facts))) return skip('the schedule condition is false');
      }
      // 4. create
      const result = await this.#create(occ, s, this.#set);
      if (typeof result !== 'string') return skip(result.skip);
      records.put(occ.key, { ...base, outcome: 'created', eventId: result, ...(late ? { reason: 'caught up after downtime' } : {}) } satisfies OccurrenceRecord);
      report.created.push({ key: occ.key, eventId: result, late });
      this.#log.info({ ...log, eventId: result, late }, late ? 'scheduled event created (caught up after downtime)' : 'scheduled event created');
    } catch (err) {
      const error = (err as Error).message;
      records.put(occ.key, { ...base, outcome: 'failed', reason: error });
      report.failed.push({ key: occ.key, error });
      this.#log.error({ ...log, err: error }, 'scheduled event could not be created');
    }
  }

  #existingEventId(occ: Occurrence): string | undefined {
    const origin = originOf(occ);
    for (const view of this.#vtn.listEvents()) {
      if (view.event.origin?.schedule === origin.schedule && view.event.origin?.fireTime === origin.fireTime) return view.event.eventId;
    }
    return undefined;
  }
}
