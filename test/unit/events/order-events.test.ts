import { describe, expect, it } from 'vitest';
import { cancelEventRecord, orderEvents } from '../../../src/vtn/events/index.js';
import { at, build, HOUR, MIN } from './event-fixtures.js';

const NOW = at(0);

/** An event starting `offset` ms after START lasting `hours`. */
function ev(eventId: string, offset: number, priority = 0, hours = 1) {
  return build({ eventId, priority, dtstart: at(offset), duration: hours * HOUR, intervals: [{ payload: 1 }] });
}

describe('§4 order: active first (priority ascending, 0 = lowest), then by dtstart', () => {
  it('puts numbered priorities first, 1 before 2, and priority 0 after all of them', () => {
    const recs = [ev('p0', -10 * MIN, 0), ev('p2', -20 * MIN, 2), ev('p1', -5 * MIN, 1), ev('p3', -30 * MIN, 3)];
    expect(orderEvents(recs, NOW).map((r) => r.eventId)).toEqual(['p1', 'p2', 'p3', 'p0']);
  });

  it('breaks equal priorities by dtstart', () => {
    const recs = [ev('late', -5 * MIN, 1), ev('early', -30 * MIN, 1)];
    expect(orderEvents(recs, NOW).map((r) => r.eventId)).toEqual(['early', 'late']);
  });
});

describe('§4 order: then pending (near/far) by dtstart; then completed/cancelled', () => {
  it('orders groups active → pending → finished whatever the input order', () => {
    const recs = [
      ev('done', -3 * HOUR),
      cancelEventRecord(ev('cancelled', 2 * HOUR), at(-HOUR)),
      ev('far-later', 5 * HOUR, 1),
      ev('far-sooner', 2 * HOUR, 3),
      ev('active', -10 * MIN),
    ];
    expect(orderEvents(recs, NOW).map((r) => r.eventId)).toEqual(['active', 'far-sooner', 'far-later', 'done', 'cancelled']);
  });

  it('ignores priority among pending events', () => {
    const recs = [ev('b', 2 * HOUR, 1), ev('a', HOUR, 0)];
    expect(orderEvents(recs, NOW).map((r) => r.eventId)).toEqual(['a', 'b']);
  });

  it('is stable for full ties and does not mutate its input', () => {
    const recs = [ev('x', HOUR), ev('y', HOUR), ev('z', HOUR)];
    const copy = [...recs];
    expect(orderEvents(recs, NOW).map((r) => r.eventId)).toEqual(['x', 'y', 'z']);
    expect(recs).toEqual(copy);
  });
});
