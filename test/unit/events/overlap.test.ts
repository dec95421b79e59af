import { describe, expect, it } from 'vitest';
import { assertNoOverlap, cancelEventRecord, findOverlap } from '../../../src/vtn/events/index.js';
import { at, build, expectVtnError, HOUR, NOW } from './event-fixtures.js';

function ev(eventId: string, offset: number, hours: number, marketContext = 'oadr://mc-a') {
  return build({ eventId, marketContext, dtstart: at(offset), duration: hours * HOUR, intervals: [{ payload: 1 }] });
}

describe('§4 two events may not overlap in time in the same market context (A_Ex_0530)', () => {
  const existing = ev('e1', 0, 2);

  it('finds an overlapping event in the same market context', () => {
    expect(findOverlap(ev('new', HOUR, 2), [existing], NOW)?.eventId).toBe('e1');
    expect(findOverlap(ev('inside', 30 * 60_000, 0.5), [existing], NOW)?.eventId).toBe('e1');
  });

  it('allows back-to-back events: ranges are half-open', () => {
    expect(findOverlap(ev('after', 2 * HOUR, 1), [existing], NOW)).toBeUndefined();
    expect(findOverlap(ev('before', -HOUR, 1), [existing], NOW)).toBeUndefined();
  });

  it('allows the same time in another market context', () => {
    expect(findOverlap(ev('other-mc', 0, 2, 'oadr://mc-b'), [existing], NOW)).toBeUndefined();
  });

  it('allows the slot again once the other event is cancelled', () => {
    const cancelled = cancelEventRecord(existing, NOW);
    expect(findOverlap(ev('new', HOUR, 1), [cancelled], NOW)).toBeUndefined();
  });

  it('ignores completed events and the candidate\'s own earlier version', () => {
    expect(findOverlap(ev('new', 0, 1), [existing], at(3 * HOUR))).toBeUndefined();
    expect(findOverlap(ev('e1', HOUR, 1), [existing], NOW)).toBeUndefined();
  });

  it('treats open-ended events as lasting forever', () => {
    const open = ev('open', 0, 0);
    expect(findOverlap(ev('much-later', 1000 * HOUR, 1), [open], NOW)?.eventId).toBe('open');
    expect(findOverlap(open, [ev('later', 1000 * HOUR, 1)], NOW)?.eventId).toBe('later');
  });

  it('assertNoOverlap refuses with E_EVENT_OVERLAP naming the other event and both ranges', () => {
    const err = expectVtnError(() => assertNoOverlap(ev('new', HOUR, 0), [existing], NOW), 'E_EVENT_OVERLAP',
      /event new \(2026-06-01T11:00:00.000Z – open-ended\) overlaps event e1 \(2026-06-01T10:00:00.000Z – 2026-06-01T12:00:00.000Z\) in market context oadr:\/\/mc-a/);
    expect(err.hint).toMatch(/cancel e1/);
    expect(() => assertNoOverlap(ev('after', 2 * HOUR, 1), [existing], NOW)).not.toThrow();
  });
});
