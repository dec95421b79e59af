import { describe, expect, it } from 'vitest';
import { ReportJobs } from '../../../src/simulator/report-jobs.js';
import { OFFERED } from '../../../src/simulator/report-offers.js';
import type { ReportRequest } from '../../../src/oadr/model.js';

const T0 = Date.parse('2026-06-01T12:00:00Z');
const at = (ms: number) => new Date(T0 + ms);

function request(id: string, o: { spec?: string; rIds?: string[]; granularity: number; back: number; window?: { start: number; duration: number } }): ReportRequest {
  return {
    reportRequestId: id,
    reportSpecifier: {
      reportSpecifierId: o.spec ?? 'TELEMETRY_USAGE', granularity: o.granularity, reportBackDuration: o.back,
      ...(o.window ? { reportInterval: { dtstart: at(o.window.start), duration: o.window.duration } } : {}),
      specifierPayloads: (o.rIds ?? ['powerReal']).map((rId) => ({ rId, readingType: 'Direct Read' })),
    },
  };
}

describe('report jobs', () => {
  it('accepts requests for offered reports and rIDs, refuses the rest', () => {
    const jobs = new ReportJobs(10_000);
    const { accepted, refused } = jobs.accept([
      request('ok', { rIds: ['powerReal', 'energyReal'], granularity: 1000, back: 2000 }),
      request('bad-spec', { spec: 'HISTORY_GREENBUTTON', granularity: 0, back: 0 }),
      request('bad-rid', { rIds: ['voltage'], granularity: 1000, back: 1000 }),
    ], OFFERED, at(0));
    expect(accepted).toEqual(['ok']);
    expect(refused).toEqual(['bad-spec', 'bad-rid']);
    expect(jobs.activeIds()).toEqual(['ok']);
  });

  it('periodic: every reportBackDuration, the whole granularity slots since the last report', () => {
    const jobs = new ReportJobs(10_000);
    jobs.accept([request('p', { granularity: 1000, back: 3000, window: { start: -5000, duration: 0 } })], OFFERED, at(0));
    expect(jobs.nextDueAt()).toBe(T0 + 3000);
    expect(jobs.takeDue(at(2999))).toEqual([]);
    const [due] = jobs.takeDue(at(3500));
    expect(due!.slots.map((s) => [s.start.getTime() - T0, s.durationMs])).toEqual([[0, 1000], [1000, 1000], [2000, 1000]]);
    expect(jobs.nextDueAt()).toBe(T0 + 6000);
    expect(jobs.takeDue(at(6000))[0]!.slots.map((s) => s.start.getTime() - T0)).toEqual([3000, 4000, 5000]);
  });

  it('periodic with a window stops at its end; one that starts later waits for its start', () => {
    const jobs = new ReportJobs(10_000);
    jobs.accept([request('w', { granularity: 1000, back: 2000, window: { start: 0, duration: 3000 } })], OFFERED, at(0));
    expect(jobs.takeDue(at(2000))[0]!.slots).toHaveLength(2);
    expect(jobs.takeDue(at(4000))[0]!.slots.map((s) => s.start.getTime() - T0)).toEqual([2000]);
    expect(jobs.activeIds()).toEqual([]);

    jobs.accept([request('later', { granularity: 1000, back: 1000, window: { start: 10_000, duration: 0 } })], OFFERED, at(0));
    expect(jobs.nextDueAt()).toBe(T0 + 11_000);
  });

  it('one-shot: the current reading once; history: the past window at its granularity (or the default step)', () => {
    const jobs = new ReportJobs(15_000);
    jobs.accept([
      request('once', { rIds: ['powerReal', 'energyReal'], granularity: 0, back: 0 }),
      request('hist', { granularity: 10_000, back: 0, window: { start: -60_000, duration: 60_000 } }),
      request('hist-default', { granularity: 0, back: 0, window: { start: -60_000, duration: 60_000 } }),
    ], OFFERED, at(0));
    expect(jobs.nextDueAt()).toBe(0);
    const due = jobs.takeDue(at(0));
    expect(due.map((d) => [d.job.reportRequestId, d.job.kind, d.slots.length])).toEqual([['once', 'oneShot', 1], ['hist', 'history', 6], ['hist-default', 'history', 4]]);
    expect(due[0]!.slots[0]).toEqual({ start: at(0) });
    expect(due[1]!.slots[0]).toEqual({ start: at(-60_000), durationMs: 10_000 });
    expect(jobs.activeIds()).toEqual([]);
  });

  it('cancel stops a request; with reportToFollow the slots owed so far come back as a last report', () => {
    const jobs = new ReportJobs(10_000);
    jobs.accept([request('a', { granularity: 1000, back: 10_000 }), request('b', { granularity: 1000, back: 10_000 })], OFFERED, at(0));
    const quiet = jobs.cancel(['a', 'unknown'], at(4500), false);
    expect(quiet).toEqual({ cancelled: ['a'], last: [] });
    const follow = jobs.cancel(['b'], at(4500), true);
    expect(follow.cancelled).toEqual(['b']);
    expect(follow.last[0]!.slots).toHaveLength(4);
    expect(jobs.nextDueAt()).toBeUndefined();
  });

  it('bounds one update after a long stall to the most recent 1000 slots', () => {
    const jobs = new ReportJobs(10_000);
    jobs.accept([request('p', { granularity: 1000, back: 1000 })], OFFERED, at(0));
    const [due] = jobs.takeDue(at(5_000_000));
    expect(due!.slots).toHaveLength(1000);
    expect(due!.slots.at(-1)!.start.getTime() - T0).toBe(4_999_000);
  });
});
