import { describe, expect, it } from 'vitest';
import { cancelEventRecord, modifyEventRecord, toWireEvent } from '../../../src/vtn/events/index.js';
import { at, build, expectVtnError, HOUR, MIN, NOW, START } from './event-fixtures.js';

const LATER = new Date('2026-05-02T00:00:00.000Z');
const EVEN_LATER = new Date('2026-05-03T00:00:00.000Z');

describe('§4 modificationNumber increments by one on every material change', () => {
  it.each([
    ['intervals', { intervals: [{ duration: 30 * MIN, payload: 2 }, { duration: 30 * MIN, payload: 3 }] }],
    ['dtstart', { dtstart: '2026-06-01T11:00:00Z' }],
    ['targets', { targets: [{ venId: 'ven-1', resourceId: 'r1' }] }],
    ['signals', { signals: [{ signalName: 'x-custom', signalType: 'setpoint', intervals: [{ duration: HOUR, payload: 9 }] }] }],
    ['priority', { priority: 3 }],
    ['rampUp', { rampUp: 'PT10M' }],
  ])('a change of %s gives modificationNumber 1 and stamps modificationDateTime', (_label, changes) => {
    const rec = build();
    const next = modifyEventRecord(rec, changes, LATER);
    expect(next).not.toBe(rec);
    expect(next.modificationNumber).toBe(1);
    expect(next.modificationDateTime).toBe(LATER.toISOString());
    expect(next.createdDateTime).toBe(rec.createdDateTime);
    expect(rec.modificationNumber).toBe(0);
  });

  it('counts successive changes and keeps the prior versions in history with their reasons', () => {
    const v1 = modifyEventRecord(build(), { priority: 1, reason: 'raise' }, LATER);
    const v2 = modifyEventRecord(v1, { priority: 2 }, EVEN_LATER);
    expect(v1.modificationReason).toBe('raise');
    expect(v2.modificationNumber).toBe(2);
    expect(v2.modificationReason).toBeUndefined();
    expect(v2.history).toEqual([
      { modificationNumber: 0, at: NOW.toISOString() },
      { modificationNumber: 1, at: LATER.toISOString(), reason: 'raise' },
    ]);
  });

  it('keeps eventId and signalIds stable across a change of intervals', () => {
    const rec = build();
    const next = modifyEventRecord(rec, { intervals: [{ duration: HOUR, payload: 3 }] }, LATER);
    expect(next.eventId).toBe(rec.eventId);
    expect(next.signals[0]?.signalId).toBe(rec.signals[0]?.signalId);
  });
});

describe('§4 modificationNumber is not bumped by status or createdDateTime (rules 4, 5)', () => {
  it('returns the same record for a change that changes nothing material', () => {
    const rec = build({ priority: 2, rampUp: 'PT5M' });
    expect(modifyEventRecord(rec, { priority: 2, rampUp: 5 * MIN, dtstart: '2026-06-01T12:00:00+02:00' }, LATER)).toBe(rec);
    expect(modifyEventRecord(rec, {}, LATER)).toBe(rec);
  });

  it('keeps modificationNumber while the status moves far → near → active → completed', () => {
    const rec = build({ rampUp: 'PT10M' });
    const seen = [at(-HOUR), at(-5 * MIN), at(0), at(2 * HOUR)].map((now) => toWireEvent(rec, now).descriptor);
    expect(seen.map((d) => d.eventStatus)).toEqual(['far', 'near', 'active', 'completed']);
    expect(seen.map((d) => d.modificationNumber)).toEqual([0, 0, 0, 0]);
  });
});

describe('modifyEventRecord applies the same validation as building', () => {
  it('refuses a SIMPLE level out of range', () => {
    expectVtnError(() => modifyEventRecord(build(), { intervals: [{ duration: HOUR, payload: 7 }] }, LATER), 'E_SIMPLE_PAYLOAD', /payload is 7/);
  });

  it('refuses a new duration the kept intervals do not fill', () => {
    expectVtnError(() => modifyEventRecord(build(), { duration: 'PT2H' }, LATER), 'E_INTERVAL_SUM', /add up to PT1H but the period lasts PT2H/);
  });

  it('derives the new duration from new intervals', () => {
    const next = modifyEventRecord(build(), { intervals: [{ duration: HOUR, payload: 1 }, { duration: HOUR, payload: 2 }] }, LATER);
    expect(next.duration).toBe(2 * HOUR);
  });

  it('takes the new dtstart from new intervals that carry one', () => {
    const next = modifyEventRecord(build(), { intervals: [{ dtstart: '2026-06-01T13:00:00Z', duration: HOUR, payload: 1 }] }, LATER);
    expect(next.dtstart).toBe('2026-06-01T13:00:00.000Z');
  });

  it('refuses intervals for an event with several signals', () => {
    const rec = build({ signalName: undefined, signalType: undefined, intervals: undefined, signals: [
      { signalName: 'SIMPLE', intervals: [{ duration: HOUR, payload: 1 }] },
      { signalName: 'BID_LOAD', intervals: [{ duration: HOUR, payload: 1 }] }] });
    expectVtnError(() => modifyEventRecord(rec, { intervals: [{ duration: HOUR, payload: 2 }] }, LATER), 'E_EVENT_INVALID', /has 2/);
  });

  it('refuses both intervals and signals, and a non-string reason', () => {
    expectVtnError(() => modifyEventRecord(build(), { intervals: [], signals: [] }, LATER), 'E_EVENT_INVALID', /both intervals and signals/);
    expectVtnError(() => modifyEventRecord(build(), { reason: 5 as unknown as string }, LATER), 'E_EVENT_INVALID', /reason is 5/);
  });
});

describe('§4 targets on modification', () => {
  it('keeps the audience when the new target names no VEN', () => {
    const next = modifyEventRecord(build({ venIds: ['ven-2'] }), { target: { resourceIds: ['r1'] } }, LATER);
    expect(next.venIds).toEqual(['ven-1', 'ven-2']);
    expect(next.target).toEqual({ resourceIds: ['r1'] });
  });

  it('targets the new VENs when venIds change', () => {
    const next = modifyEventRecord(build(), { venIds: ['ven-9'] }, LATER);
    expect(next.venIds).toEqual(['ven-9']);
    expect(next.target).toEqual({ venIds: ['ven-9'] });
  });
});

describe('§4 cancellation is a material change; cancelled is sticky', () => {
  it('stamps cancelledAt and bumps modificationNumber once', () => {
    const rec = build({ vtnComment: 'c' });
    const cancelled = cancelEventRecord(rec, LATER, 'storm passed');
    expect(cancelled).toMatchObject({ cancelledAt: LATER.toISOString(), modificationNumber: 1, modificationReason: 'storm passed',
      modificationDateTime: LATER.toISOString(), dtstart: START, vtnComment: 'c' });
    expect(cancelled.history).toEqual([{ modificationNumber: 0, at: NOW.toISOString() }]);
    expect(cancelEventRecord(cancelled, EVEN_LATER)).toBe(cancelled);
  });

  it('refuses to modify a cancelled event with E_EVENT_CANCELLED', () => {
    const cancelled = cancelEventRecord(build(), LATER);
    expectVtnError(() => modifyEventRecord(cancelled, { priority: 1 }, EVEN_LATER), 'E_EVENT_CANCELLED',
      /event id-0 was cancelled at 2026-05-02T00:00:00.000Z/);
  });
});
