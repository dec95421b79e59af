import { describe, expect, it } from 'vitest';
import { toWireEvent } from '../../../src/vtn/events/index.js';
import { at, build, HOUR, MIN, NOW, START } from './event-fixtures.js';

const rec = build({
  priority: 1, rampUp: 'PT10M', recovery: 'PT5M', notification: 'PT1H', startAfter: 'PT2M', vtnComment: 'hello',
  intervals: [{ duration: 20 * MIN, payload: 1 }, { duration: 40 * MIN, payload: 3 }],
  baseline: { baselineName: 'b', intervals: [{ duration: HOUR, payload: 100 }] },
});

describe('§4 status and createdDateTime are computed at send time', () => {
  it('stamps createdDateTime with now and computes the status from now', () => {
    const sendAt = at(-5 * MIN);
    const wire = toWireEvent(rec, sendAt);
    expect(wire.descriptor.createdDateTime).toEqual(sendAt);
    expect(wire.descriptor.eventStatus).toBe('near');
    expect(wire.descriptor.modificationDateTime).toEqual(NOW);
  });

  it('converts stored ISO strings to Dates and keeps durations in ms', () => {
    const wire = toWireEvent(rec, at(0));
    expect(wire.activePeriod).toEqual({ dtstart: new Date(START), duration: HOUR, rampUp: 10 * MIN, recovery: 5 * MIN, notification: HOUR, startAfter: 2 * MIN });
    expect(wire.baseline?.dtstart).toEqual(new Date(START));
    expect(wire.descriptor).toMatchObject({ priority: 1, vtnComment: 'hello', testEvent: false, marketContext: 'oadr://unknown.context' });
    expect(wire.responseRequired).toBe('always');
  });
});

describe('§4 currentValue equals the current interval\'s payload when active, else 0 (rule 14)', () => {
  it.each([[-MIN, 0], [0, 1], [20 * MIN - 1, 1], [20 * MIN, 3], [HOUR, 0]])('at dtstart + (%d ms) currentValue is %d', (offset, value) => {
    expect(toWireEvent(rec, at(offset)).signals[0]?.currentValue).toBe(value);
  });
});

describe('§4 at most one venID per event\'s eiTarget', () => {
  it('narrows a multi-VEN target to the VEN it is sent to', () => {
    const multi = build({ venIds: ['ven-2', 'ven-3'] });
    expect(toWireEvent(multi, NOW, 'ven-2').target).toEqual({ venIds: ['ven-2'] });
    expect(toWireEvent(multi, NOW).target).toEqual({ venIds: ['ven-1', 'ven-2', 'ven-3'] });
  });
});

describe('toWireEvent does not share state with the record', () => {
  it('mutating the wire event leaves the record unchanged', () => {
    const before = structuredClone(rec);
    const wire = toWireEvent(rec, at(0));
    wire.signals[0]!.intervals[0]!.payload = 99;
    wire.target.venIds?.push('intruder');
    expect(rec).toEqual(before);
  });
});
