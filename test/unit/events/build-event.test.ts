import { describe, expect, it } from 'vitest';
import { buildEventRecord } from '../../../src/vtn/events/index.js';
import { build, ctx, HOUR, MIN, NOW, options, START } from './event-fixtures.js';

describe('buildEventRecord: defaults of a new event', () => {
  it('modificationNumber 0, priority 0, responseRequired always, testEvent false, default market context, empty history', () => {
    const rec = build();
    expect(rec).toMatchObject({
      modificationNumber: 0, priority: 0, responseRequired: 'always', testEvent: false,
      marketContext: 'oadr://unknown.context', history: [],
      createdDateTime: NOW.toISOString(), modificationDateTime: NOW.toISOString(),
    });
    expect(rec.cancelledAt).toBeUndefined();
  });

  it('takes eventId and signalId from newId() unless given', () => {
    const generated = build();
    expect(generated.eventId).toBe('id-0');
    expect(generated.signals[0]?.signalId).toBe('id-1');
    const given = build({ eventId: '0012', signals: [{ signalName: 'SIMPLE', signalId: '007', intervals: [{ duration: HOUR, payload: 0 }] }],
      signalName: undefined, signalType: undefined, intervals: undefined });
    expect(given.eventId).toBe('0012');
    expect(given.signals[0]?.signalId).toBe('007');
  });

  it('keeps given descriptor and active-period options, converting durations to ms', () => {
    const rec = build({ priority: 2, responseRequired: 'never', testEvent: true, vtnComment: 'hi', marketContext: 'http://mc',
      rampUp: 'PT15M', notification: 'P1D', recovery: 5 * MIN, startAfter: 'PT2M', origin: { schedule: 's1' } });
    expect(rec).toMatchObject({ priority: 2, responseRequired: 'never', testEvent: true, vtnComment: 'hi', marketContext: 'http://mc',
      rampUp: 15 * MIN, notification: 24 * HOUR, recovery: 5 * MIN, startAfter: 2 * MIN, origin: { schedule: 's1' } });
  });
});

describe('§1 date-times are normalised to UTC; durations to milliseconds', () => {
  it('stores an offset dtstart as a Z instant and ISO durations as ms', () => {
    const rec = build({ dtstart: '2026-06-01T12:00:00+02:00', duration: 'PT1H', intervals: [{ duration: 'PT1H', payload: 1 }] });
    expect(rec.dtstart).toBe(START);
    expect(rec.duration).toBe(HOUR);
    expect(rec.signals[0]?.intervals[0]?.duration).toBe(HOUR);
  });

  it('accepts a Date for dtstart', () => {
    expect(build({ dtstart: new Date(START) }).dtstart).toBe(START);
  });
});

describe('§4 interval uid 0,1,2… per signal (rule 2)', () => {
  it('numbers each signal\'s intervals from 0', () => {
    const rec = build({ intervals: undefined, signalName: undefined, signalType: undefined, signals: [
      { signalName: 'SIMPLE', intervals: [{ duration: 30 * MIN, payload: 1 }, { duration: 30 * MIN, payload: 2 }] },
      { signalName: 'ELECTRICITY_PRICE', signalType: 'price', intervals: [{ duration: 20 * MIN, payload: 0.1 }, { duration: 20 * MIN, payload: 0.2 }, { duration: 20 * MIN, payload: 0.3 }] },
    ] });
    expect(rec.signals.map((s) => s.intervals.map((iv) => iv.uid))).toEqual([['0', '1'], ['0', '1', '2']]);
  });
});

describe('§4 each interval starts where the previous ended, from the active period\'s dtstart', () => {
  it('derives dtstart from the first interval and durations from consecutive interval dtstarts', () => {
    const rec = buildEventRecord({ venId: 'v', signalName: 'SIMPLE', intervals: [
      { dtstart: '2026-06-01T10:00:00Z', signalPayload: 1 },
      { dtstart: '2026-06-01T10:20:00Z', signalPayload: 2 },
      { dtstart: '2026-06-01T11:00:00Z', duration: 'PT10M', signalPayload: 3 },
    ] }, ctx());
    expect(rec.dtstart).toBe(START);
    expect(rec.signals[0]?.intervals.map((iv) => [iv.duration, iv.payload])).toEqual([[20 * MIN, 1], [40 * MIN, 2], [10 * MIN, 3]]);
    expect(rec.duration).toBe(70 * MIN);
  });

  it('gives the last interval the rest of the event duration', () => {
    const rec = build({ duration: 'PT2H', intervals: [{ duration: 'PT30M', payload: 1 }, { payload: 2 }] });
    expect(rec.signals[0]?.intervals.map((iv) => iv.duration)).toEqual([30 * MIN, 90 * MIN]);
  });

  it('takes the event duration from the sum of the intervals when none is given', () => {
    expect(build({ intervals: [{ duration: 'PT15M', payload: 1 }, { duration: 'PT45M', payload: 0 }] }).duration).toBe(HOUR);
  });

  it('lets a second signal without durations fill the duration derived from the first', () => {
    const rec = build({ intervals: undefined, signalName: undefined, signalType: undefined, signals: [
      { signalName: 'SIMPLE', intervals: [{ duration: HOUR, payload: 1 }] },
      { signalName: 'BID_LOAD', intervals: [{ payload: 5 }] },
    ] });
    expect(rec.signals[1]?.intervals[0]?.duration).toBe(HOUR);
    expect(rec.signals[1]?.signalType).toBe('setpoint');
  });
});

describe('§4 duration PT0S means open-ended', () => {
  it('accepts an open-ended event whose last interval is 0', () => {
    const rec = build({ duration: 'PT0S', intervals: [{ duration: 'PT1H', payload: 1 }, { duration: 0, payload: 2 }] });
    expect(rec.duration).toBe(0);
    expect(rec.signals[0]?.intervals.map((iv) => iv.duration)).toEqual([HOUR, 0]);
  });

  it('gives a last interval without duration 0 in an open-ended event', () => {
    expect(build({ duration: 0, intervals: [{ payload: 3 }] }).signals[0]?.intervals[0]?.duration).toBe(0);
  });

  it('derives an open-ended event from a last interval of 0', () => {
    expect(build({ intervals: [{ duration: HOUR, payload: 1 }, { duration: 'PT0S', payload: 0 }] }).duration).toBe(0);
  });
});

describe('§4 targets: with none given, the target is the VEN itself', () => {
  it('targets the VEN when only venId is given', () => {
    const rec = build();
    expect(rec.target).toEqual({ venIds: ['ven-1'] });
    expect(rec.venIds).toEqual(['ven-1']);
  });

  it('targets every VEN of venIds', () => {
    const rec = build({ venId: undefined, venIds: ['a', 'b'] });
    expect(rec.target).toEqual({ venIds: ['a', 'b'] });
  });

  it('merges target, targets and targetsByType (both spellings) without duplicates', () => {
    const rec = build({
      venId: undefined,
      target: { venId: 'ven-1', resourceId: 'r1' },
      targets: [{ venIds: ['ven-2', 'ven-1'], groupIds: ['g1'] }, { groupName: 'north', partyId: 'p1' }],
      targetsByType: { ven_id: ['ven-3'], resourceId: ['r1', 'r2'], group_name: ['south'] },
    });
    expect(rec.target).toEqual({
      venIds: ['ven-1', 'ven-2', 'ven-3'], resourceIds: ['r1', 'r2'], groupIds: ['g1'], groupNames: ['north', 'south'], partyIds: ['p1'],
    });
    expect(rec.venIds).toEqual(['ven-1', 'ven-2', 'ven-3']);
  });

  it('delivers to venId ∪ venIds ∪ target venIds, including signal targets, while keeping a resource-only target', () => {
    const rec = build({ venIds: ['ven-2'], target: { resourceIds: ['r9'] }, intervals: undefined, signalName: undefined, signalType: undefined,
      signals: [{ signalName: 'SIMPLE', intervals: [{ duration: HOUR, payload: 1 }], target: { venId: 'ven-4' } }] });
    expect(rec.venIds).toEqual(['ven-1', 'ven-2', 'ven-4']);
    expect(rec.target).toEqual({ resourceIds: ['r9'] });
    expect(rec.signals[0]?.target).toEqual({ venIds: ['ven-4'] });
  });

  it('a fleet-sized audience named twice (venIds and a target, in another order) is each VEN once, in first-named order', () => {
    const fleet = Array.from({ length: 10_000 }, (_, i) => `ven-${i}`);
    const rec = build({ venId: 'ven-42', venIds: fleet, target: { venIds: [...fleet].reverse() } });
    expect(rec.venIds).toEqual(['ven-42', ...fleet.filter((v) => v !== 'ven-42')]);
    expect(rec.target?.venIds).toEqual([...fleet].reverse());
  });
});

describe('§4 optional baseline', () => {
  it('starts at the event dtstart unless given and keeps its intervals back to back', () => {
    const rec = build({ baseline: { baselineName: 'usage', intervals: [{ duration: 'PT30M', payload: 10 }, { duration: 'PT30M', payload: 12 }], resourceIds: ['r1'] } });
    expect(rec.baseline).toEqual({ baselineId: 'id-2', baselineName: 'usage', dtstart: START, duration: HOUR,
      intervals: [{ duration: 30 * MIN, payload: 10, uid: '0' }, { duration: 30 * MIN, payload: 12, uid: '1' }], resourceIds: ['r1'] });
  });

  it('takes an itemBase for the single signal', () => {
    const itemBase = { kind: 'powerReal', description: 'RealPower', units: 'W', siScaleCode: 'k', powerAttributes: { hertz: 60, voltage: 120, ac: true } };
    expect(build({ itemBase }).signals[0]?.itemBase).toEqual(itemBase);
  });
});

describe('buildEventRecord is pure', () => {
  it('builds the same record twice from the same input', () => {
    expect(buildEventRecord(options(), ctx())).toEqual(buildEventRecord(options(), ctx()));
  });
});
