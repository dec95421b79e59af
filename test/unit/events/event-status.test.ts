import { describe, expect, it } from 'vitest';
import { cancelEventRecord, currentIntervalIndex, eventStatus } from '../../../src/vtn/events/index.js';
import { at, build, HOUR, MIN } from './event-fixtures.js';

describe('§4 status: far before dtstart − rampUp, near in [dtstart − rampUp, dtstart)', () => {
  const rec = build({ rampUp: 'PT15M' });

  it.each([
    [-HOUR, 'far'], [-15 * MIN - 1, 'far'], [-15 * MIN, 'near'], [-1, 'near'], [0, 'active'],
  ])('at dtstart + (%d ms) the event is %s', (offset, status) => {
    expect(eventStatus(rec, at(offset))).toBe(status);
  });

  it('without rampUp there is no near: far until dtstart', () => {
    const plain = build();
    expect(eventStatus(plain, at(-1))).toBe('far');
    expect(eventStatus(plain, at(0))).toBe('active');
  });
});

describe('§4 status: active in [dtstart, dtstart + duration), completed after', () => {
  const rec = build({ duration: 'PT1H', intervals: [{ duration: HOUR, payload: 1 }] });

  it.each([[0, 'active'], [HOUR - 1, 'active'], [HOUR, 'completed'], [10 * HOUR, 'completed']])('at dtstart + (%d ms): %s', (offset, status) => {
    expect(eventStatus(rec, at(offset))).toBe(status);
  });
});

describe('§4 status: duration PT0S means open-ended (stays active)', () => {
  it('is active a year after dtstart', () => {
    const rec = build({ duration: 0, intervals: [{ payload: 1 }] });
    expect(eventStatus(rec, at(365 * 24 * HOUR))).toBe('active');
  });
});

describe('§4 status: cancelled is sticky', () => {
  it('stays cancelled whatever the clock says', () => {
    const rec = cancelEventRecord(build(), at(-HOUR));
    for (const offset of [-2 * HOUR, 0, 30 * MIN, 5 * HOUR]) expect(eventStatus(rec, at(offset))).toBe('cancelled');
  });
});

describe('§4 the current interval is the one containing now', () => {
  const rec = build({ intervals: [{ duration: 10 * MIN, payload: 1 }, { duration: 20 * MIN, payload: 2 }, { duration: 30 * MIN, payload: 3 }] });
  const signal = rec.signals[0]!;

  it.each([[0, 0], [10 * MIN - 1, 0], [10 * MIN, 1], [30 * MIN - 1, 1], [30 * MIN, 2], [HOUR - 1, 2]])('at dtstart + (%d ms) it is interval %d', (offset, index) => {
    expect(currentIntervalIndex(signal, rec, at(offset))).toBe(index);
  });

  it('is undefined before and after the event', () => {
    expect(currentIntervalIndex(signal, rec, at(-1))).toBeUndefined();
    expect(currentIntervalIndex(signal, rec, at(HOUR))).toBeUndefined();
  });

  it('in an open-ended event the last interval holds once the others have run out', () => {
    const open = build({ duration: 0, intervals: [{ duration: 10 * MIN, payload: 1 }, { duration: 10 * MIN, payload: 2 }] });
    expect(currentIntervalIndex(open.signals[0]!, open, at(5 * HOUR))).toBe(1);
    const zeroLast = build({ duration: 0, intervals: [{ duration: 10 * MIN, payload: 1 }, { duration: 0, payload: 2 }] });
    expect(currentIntervalIndex(zeroLast.signals[0]!, zeroLast, at(10 * MIN))).toBe(1);
  });
});
