// The scheduler: a node-cron minute tick creates every due occurrence once, catches up after downtime,
// and swaps schedule sets on reload. It talks to the VTN only through its public API and keeps its own
// bookkeeping in the store: it fires only while it holds the store's scheduler lock, and claims each
// occurrence in the store before making its event, so several instances (or a failover) fire it once.
import { randomUUID } from 'node:crypto';
import { schedule as cronSchedule, type ScheduledTask } from 'node-cron';
import { VtnError } from '../errors.js';
import { silentLogger, type Logger } from '../vtn/context.js';
import { defaultCreateOccurrence } from './create-occurrence.js';
import { conditionHolds, occurrenceFacts } from './fire-condition.js';
import type { ScheduleSet } from './load-schedules.js';
import { originOf } from './occurrence-event.js';
import { claimOccurrence, settleOccurrence } from './occurrence-claims.js';
import { advanceLastTick, lastTick, pruneOccurrences, readOccurrence, type OccurrenceRecord } from './occurrence-records.js';
import { occurrencesBetween, type Occurrence } from './occurrences.js';
import { applyRemovals } from './removed-schedules.js';
import { SchedulerRole } from './scheduler-role.js';
import type { CreateOccurrence, SchedulerOptions, SchedulerVtn, TickReport } from './scheduler-types.js';
import type { Schedule } from './schedule-types.js';

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
const PRUNE_EVERY_MS = 60 * MINUTE;

export class Scheduler {
  #vtn: SchedulerVtn;
  #set: ScheduleSet;
  #now: () => Date;
  #log: Logger;
  #create: CreateOccurrence;
  #facts: SchedulerOptions['facts'];
  #graceMs: number;
  #maxCatchUpMs: number;
  #leaseMs: number;
  #role: SchedulerRole;
  #task: ScheduledTask | undefined;
  #useCron: boolean;
  #queue: Promise<unknown> = Promise.resolve();
  #prunedAt = Number.NEGATIVE_INFINITY;

  constructor(o: SchedulerOptions) {
    this.#vtn = o.vtn;
    this.#set = o.set;
    this.#now = o.now ?? (() => new Date());
    this.#log = o.log ?? silentLogger;
    this.#create = o.createOccurrence ?? defaultCreateOccurrence(o.vtn, this.#log);
    this.#facts = o.facts;
    this.#graceMs = o.graceMs ?? 2 * MINUTE;
    this.#maxCatchUpMs = o.maxCatchUpMs ?? 7 * 24 * 60 * MINUTE;
    this.#leaseMs = o.claimLeaseMs ?? 2 * MINUTE;
    this.#useCron = o.cron ?? true;
    this.#role = new SchedulerRole(o.vtn.store, this.#log, o.instance ?? randomUUID());
  }

  get set(): ScheduleSet {
    return this.#set;
  }

  /** True while this instance holds the scheduler lock (as of its last tick). */
  get firing(): boolean {
    return this.#role.held;
  }

  /** Catch up now, then tick every minute (node-cron). */
  start(): Promise<TickReport> {
    if (this.#useCron) this.#task ??= cronSchedule('* * * * *', () => this.tick().then(() => undefined, (err: unknown) => this.#log.error({ err }, 'schedule tick failed')), { name: 'vtn-schedules', noOverlap: true });
    this.#log.info({ schedules: this.#set.schedules.map((s) => s.id), instance: this.#role.instance }, 'scheduler started');
    return this.tick();
  }

  async stop(): Promise<void> {
    await this.#task?.destroy();
    this.#task = undefined;
    await this.#queue.catch(() => undefined);
  }

  /** Handle every occurrence with a fire time since the last tick (bounded by maxCatchUpMs) up to `now`. Serialised. */
  tick(now: Date = this.#now()): Promise<TickReport> {
    return this.#serialised(() => this.#tick(now));
  }

  /** Swap in a reloaded set; removed or disabled schedules cancel future events only with onRemove: cancel-future. */
  replace(set: ScheduleSet): Promise<{ cancelled: string[] }> {
    return this.#serialised(async () => {
      // Every instance reloads the same files; the one firing the schedules carries out the removals.
      const cancelled = await this.#role.check() ? await applyRemovals(this.#set, set, this.#vtn, this.#log) : [];
      this.#set = set;
      this.#log.info({ schedules: set.schedules.map((s) => s.id) }, 'schedules reloaded');
      return { cancelled };
    });
  }

  #serialised<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.#queue.then(fn);
    this.#queue = run.catch(() => undefined);
    return run;
  }

  async #tick(now: Date): Promise<TickReport> {
    const report: TickReport = { created: [], skipped: [], failed: [] };
    if (!(await this.#role.check())) return { ...report, standby: true };
    const store = this.#vtn.store;
    const t = now.getTime();
    const since = new Date(Math.min(t, Math.max((await lastTick(store)) ?? t, t - this.#maxCatchUpMs)));
    const due = this.#set.schedules
      .flatMap((s) => occurrencesBetween(s, this.#set.calendars, since, now).map((occ) => [s, occ] as const))
      .sort((a, b) => a[1].fireTime.getTime() - b[1].fireTime.getTime());
    // An occurrence another instance claimed and has not settled is looked at again next tick (it may need a takeover).
    let until = t;
    for (const [s, occ] of due) {
      if (await this.#handle(s, occ, now, report) === 'pending') until = Math.min(until, occ.fireTime.getTime() - 1);
    }
    await advanceLastTick(store, new Date(until));
    if (t - this.#prunedAt >= PRUNE_EVERY_MS) {
      // Records older than the catch-up window (and a day) are never read again.
      await pruneOccurrences(store, this.#set.schedules.map((s) => s.id), new Date(t - this.#maxCatchUpMs - DAY));
      this.#prunedAt = t;
    }
    return report;
  }

  /** Day filters and the catch-up policy: why this occurrence is skipped without evaluating anything. */
  #staticSkip(s: Schedule, occ: Occurrence, late: boolean, now: Date): string | undefined {
    if (occ.skip) return `${occ.skip.reason}: ${occ.skip.detail}`;
    if (late && s.catchUp === 'skip') return 'missed while the scheduler was not running (catchUp: skip)';
    if (late && occ.eventEnd && occ.eventEnd.getTime() <= now.getTime()) return 'missed while the scheduler was not running; its event is already over';
    return undefined;
  }

  /** 'pending' when another instance holds a live claim on it. */
  async #handle(s: Schedule, occ: Occurrence, now: Date, report: TickReport): Promise<'pending' | void> {
    const store = this.#vtn.store;
    const me = this.#role.instance;
    const seen = await readOccurrence(store, occ.key);
    if (seen && seen.outcome !== 'claimed') return;
    const base = { scheduleId: s.id, fireTime: occ.fireTime.toISOString() };
    const log = { schedule: s.id, fireTime: base.fireTime, fireLocal: occ.fireLocal, eventStart: occ.eventStart.toISOString(), ...(occ.notes.length ? { dst: occ.notes } : {}) };
    const settle = (rec: Omit<OccurrenceRecord, 'scheduleId' | 'fireTime' | 'at' | 'by'>) => settleOccurrence(store, occ.key, me, { ...base, ...rec, at: now.toISOString(), by: me });
    const skip = async (reason: string) => {
      // A lost settle: another instance recorded this occurrence first.
      if (!(await settle({ outcome: 'skipped', reason }))) return;
      report.skipped.push({ key: occ.key, reason });
      this.#log.info({ ...log, reason }, 'scheduled occurrence skipped');
    };
    const late = now.getTime() - occ.fireTime.getTime() > this.#graceMs;
    const skipReason = this.#staticSkip(s, occ, late, now);
    // 1. skipped by the calendar or the catch-up policy: recorded in one create, no claim needed
    if (skipReason && !seen) return skip(skipReason);
    // 2. claim it (or take over the stale claim of an instance that stopped mid-way)
    const claim = await claimOccurrence(store, occ.key, base, me, now, this.#leaseMs);
    if (claim.kind === 'done') return;
    if (claim.kind === 'busy') {
      this.#log.debug({ ...log, by: claim.by }, 'scheduled occurrence claimed by another instance');
      return 'pending';
    }
    if (claim.takenOver) {
      const existing = await this.#existingEventId(occ, claim.eventId);
      this.#log.warn({ ...log, from: claim.takenOver, eventId: existing }, 'scheduled occurrence taken over from an instance that stopped before settling it');
      if (existing) {
        await settle({ outcome: 'created', eventId: existing, reason: 'found after taking over a stale claim' });
        return;
      }
    }
    if (skipReason) return skip(skipReason);
    try {
      // 3. fire-time condition
      if (s.condition) {
        const facts = { ...s.facts, ...(await this.#facts?.(occ, s)), ...occurrenceFacts(occ) };
        if (!(await conditionHolds(s.condition, facts))) return await skip('the schedule condition is false');
      }
      // 4. create, with the claimed eventId: a takeover racing a slow original cannot make a second event
      const result = await this.#create(occ, s, this.#set, claim.eventId);
      if (typeof result !== 'string') return await skip(result.skip);
      await settle({ outcome: 'created', eventId: result, ...(late ? { reason: 'caught up after downtime' } : {}) });
      report.created.push({ key: occ.key, eventId: result, late });
      this.#log.info({ ...log, eventId: result, late }, late ? 'scheduled event created (caught up after downtime)' : 'scheduled event created');
    } catch (err) {
      // The instance whose claim was taken over made the event after all: it exists once, under the claimed id.
      if (err instanceof VtnError && err.code === 'E_EVENT_DUPLICATE' && await this.#vtn.getEvent(claim.eventId)) {
        await settle({ outcome: 'created', eventId: claim.eventId, reason: 'created by the instance whose claim was taken over' });
        return;
      }
      const error = (err as Error).message;
      await settle({ outcome: 'failed', reason: error });
      report.failed.push({ key: occ.key, error });
      this.#log.error({ ...log, err: error }, 'scheduled event could not be created');
    }
  }

  /** The claimed event, or (a custom createOccurrence that chose its own id) the event with this occurrence's origin. */
  async #existingEventId(occ: Occurrence, claimed: string): Promise<string | undefined> {
    if (await this.#vtn.getEvent(claimed)) return claimed;
    const origin = originOf(occ);
    const found = (await this.#vtn.listEvents({ withVens: false })).find((v) => v.event.origin?.schedule === origin.schedule && v.event.origin?.fireTime === origin.fireTime);
    return found?.event.eventId;
  }
}
