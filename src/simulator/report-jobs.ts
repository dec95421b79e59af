// The report requests a simulated VEN is serving, and which intervals each owes the VTN at a given moment.
import type { ReportRequest } from '../oadr/model.js';

export type ReportJobKind = 'oneShot' | 'periodic' | 'history';

export interface ReportJob {
  reportRequestId: string;
  reportSpecifierId: string;
  rIds: string[];
  kind: ReportJobKind;
  granularityMs: number;
  reportBackMs: number;
  /** Values up to this instant (ms) have been sent. */
  sentUntil: number;
  /** Periodic requests with a window stop here (ms); absent = open-ended. */
  windowEnd?: number;
}

export interface DueSlot {
  start: Date;
  /** Absent for a one-shot reading. */
  durationMs?: number;
}

export interface DueReport {
  job: ReportJob;
  slots: DueSlot[];
}

// Bounds one update (a history window or a catch-up after a stall) so a message stays small.
const MAX_SLOTS = 1000;

/** What the VEN can deliver per reportSpecifierID (rIDs), to refuse requests for anything else. */
export type Offered = ReadonlyMap<string, ReadonlySet<string>>;

export class ReportJobs {
  readonly #jobs = new Map<string, ReportJob>();
  readonly #defaultStepMs: number;

  /** `defaultStepMs`: the step of a history request that names no granularity. */
  constructor(defaultStepMs: number) {
    this.#defaultStepMs = defaultStepMs;
  }

  /** Takes on the requests the VEN can serve; returns the ids accepted and the ids it cannot serve. */
  accept(requests: readonly ReportRequest[], offered: Offered, now: Date): { accepted: string[]; refused: string[] } {
    const accepted: string[] = [];
    const refused: string[] = [];
    for (const r of requests) {
      const spec = r.reportSpecifier;
      const rIds = spec.specifierPayloads.map((p) => p.rId);
      const known = offered.get(spec.reportSpecifierId);
      if (!known || rIds.length === 0 || rIds.some((id) => !known.has(id))) {
        refused.push(r.reportRequestId);
        continue;
      }
      this.#jobs.set(r.reportRequestId, jobFor(r, rIds, now));
      accepted.push(r.reportRequestId);
    }
    return { accepted, refused };
  }

  /** Stops the given requests; with `reportToFollow` the whole slots owed so far come back as a last report. */
  cancel(ids: readonly string[], now: Date, reportToFollow: boolean): { cancelled: string[]; last: DueReport[] } {
    const cancelled: string[] = [];
    const last: DueReport[] = [];
    for (const id of ids) {
      const job = this.#jobs.get(id);
      if (!job) continue;
      this.#jobs.delete(id);
      cancelled.push(id);
      const slots = reportToFollow && job.kind === 'periodic' ? periodicSlots(job, now.getTime()) : [];
      if (slots.length) last.push({ job, slots });
    }
    return { cancelled, last };
  }

  /** Every running request (oadrPendingReports). */
  activeIds(): string[] {
    return [...this.#jobs.keys()];
  }

  clear(): void {
    this.#jobs.clear();
  }

  /** When the next update is owed (ms), or undefined when nothing is running. */
  nextDueAt(): number | undefined {
    let next: number | undefined;
    for (const job of this.#jobs.values()) {
      const at = job.kind === 'periodic' ? job.sentUntil + job.reportBackMs : 0;
      if (next === undefined || at < next) next = at;
    }
    return next;
  }

  /** Removes what is owed now from the books: one-shot and history jobs finish, periodic ones advance. */
  takeDue(now: Date): DueReport[] {
    const t = now.getTime();
    const due: DueReport[] = [];
    for (const job of [...this.#jobs.values()]) {
      if (job.kind === 'oneShot') {
        due.push({ job, slots: [{ start: now }] });
        this.#jobs.delete(job.reportRequestId);
      } else if (job.kind === 'history') {
        due.push({ job, slots: historySlots(job, this.#defaultStepMs, t) });
        this.#jobs.delete(job.reportRequestId);
      } else if (t >= job.sentUntil + job.reportBackMs) {
        const slots = periodicSlots(job, t);
        if (slots.length) due.push({ job, slots });
        if (job.windowEnd !== undefined && job.sentUntil >= job.windowEnd) this.#jobs.delete(job.reportRequestId);
      }
    }
    return due;
  }
}

function jobFor(r: ReportRequest, rIds: string[], now: Date): ReportJob {
  const spec = r.reportSpecifier;
  const window = spec.reportInterval;
  const base = { reportRequestId: r.reportRequestId, reportSpecifierId: spec.reportSpecifierId, rIds, granularityMs: spec.granularity, reportBackMs: spec.reportBackDuration };
  if (spec.reportBackDuration <= 0 && window && window.duration > 0) {
    return { ...base, kind: 'history', sentUntil: window.dtstart.getTime(), windowEnd: window.dtstart.getTime() + window.duration };
  }
  if (spec.reportBackDuration <= 0) return { ...base, kind: 'oneShot', sentUntil: now.getTime() };
  // Periodic: sampling starts now (or at a later window start); a window end stops it.
  const start = Math.max(now.getTime(), window?.dtstart.getTime() ?? 0);
  const granularityMs = spec.granularity > 0 ? spec.granularity : spec.reportBackDuration;
  return {
    ...base, granularityMs, kind: 'periodic', sentUntil: start,
    ...(window && window.duration > 0 ? { windowEnd: window.dtstart.getTime() + window.duration } : {}),
  };
}

function periodicSlots(job: ReportJob, t: number): DueSlot[] {
  const end = Math.min(t, job.windowEnd ?? Number.POSITIVE_INFINITY);
  let count = Math.floor((end - job.sentUntil) / job.granularityMs);
  // After a long stall, report only the most recent slots instead of flooding the VTN.
  if (count > MAX_SLOTS) {
    job.sentUntil += (count - MAX_SLOTS) * job.granularityMs;
    count = MAX_SLOTS;
  }
  const slots: DueSlot[] = [];
  for (let i = 0; i < count; i++) slots.push({ start: new Date(job.sentUntil + i * job.granularityMs), durationMs: job.granularityMs });
  job.sentUntil += count * job.granularityMs;
  if (job.windowEnd !== undefined && end >= job.windowEnd) job.sentUntil = job.windowEnd;
  return slots;
}

function historySlots(job: ReportJob, defaultStepMs: number, t: number): DueSlot[] {
  const from = job.sentUntil;
  const to = Math.min(job.windowEnd ?? t, t);
  let step = job.granularityMs > 0 ? job.granularityMs : defaultStepMs;
  if ((to - from) / step > MAX_SLOTS) step = Math.ceil((to - from) / MAX_SLOTS);
  const slots: DueSlot[] = [];
  for (let s = from; s + step <= to; s += step) slots.push({ start: new Date(s), durationMs: step });
  return slots;
}
