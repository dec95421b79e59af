import { describe, expect, it } from 'vitest';
import { ERROR_CODES } from '../../../src/errors.js';
import { buildEventRecord } from '../../../src/vtn/events/index.js';
import { build, ctx, expectVtnError, HOUR, MIN } from './event-fixtures.js';

const NO_SINGLE = { signalName: undefined, signalType: undefined, intervals: undefined };

describe('§4 SIMPLE payloads in {0,1,2,3} (rule 9)', () => {
  it.each([0, 1, 2, 3])('accepts level %d', (level) => {
    expect(build({ intervals: [{ duration: HOUR, payload: level }] }).signals[0]?.intervals[0]?.payload).toBe(level);
  });

  it.each([4, -1, 1.5])('refuses %d with E_SIMPLE_PAYLOAD naming the interval', (bad) => {
    const err = expectVtnError(() => build({ intervals: [{ duration: 30 * MIN, payload: 1 }, { duration: 30 * MIN, payload: bad }] }),
      'E_SIMPLE_PAYLOAD', new RegExp(`intervals\\[1\\]\\.payload is ${bad}`));
    expect(err.hint).toMatch(/SIMPLE levels are 0, 1, 2 or 3/);
  });

  it('does not restrict other signals', () => {
    expect(build({ signalName: 'ELECTRICITY_PRICE', signalType: 'price', intervals: [{ duration: HOUR, payload: 42.5 }] }).signals[0]?.intervals[0]?.payload).toBe(42.5);
  });
});

describe('§4 interval durations sum to the active period\'s duration (rule 8)', () => {
  it('refuses intervals that do not fill the event duration with E_INTERVAL_SUM', () => {
    expectVtnError(() => build({ duration: 'PT2H', intervals: [{ duration: 'PT1H', payload: 1 }] }), 'E_INTERVAL_SUM',
      /intervals add up to PT1H but the period lasts PT2H/);
  });

  it('checks every signal, not only the first', () => {
    expectVtnError(() => build({ ...NO_SINGLE, signals: [
      { signalName: 'SIMPLE', intervals: [{ duration: HOUR, payload: 1 }] },
      { signalName: 'BID_LOAD', intervals: [{ duration: 30 * MIN, payload: 5 }] },
    ] }), 'E_INTERVAL_SUM', /signals\[1\]\.intervals add up to PT30M but the period lasts PT1H/);
  });

  it('checks the baseline against its own duration', () => {
    expectVtnError(() => build({ baseline: { baselineName: 'b', duration: 'PT1H', intervals: [{ duration: 'PT20M', payload: 1 }, { duration: 'PT20M', payload: 1 }] } }),
      'E_INTERVAL_SUM', /baseline\.intervals add up to PT40M but the period lasts PT1H/);
  });

  it('refuses earlier intervals that already exceed the duration left for the last one', () => {
    expectVtnError(() => build({ duration: 'PT1H', intervals: [{ duration: 'PT1H', payload: 1 }, { payload: 2 }] }), 'E_INTERVAL_SUM',
      /intervals before intervals\[1\] already fill the duration PT1H/);
  });

  it('refuses a 0 interval except the last one of an open-ended event', () => {
    expectVtnError(() => build({ duration: 0, intervals: [{ duration: 0, payload: 1 }, { duration: HOUR, payload: 2 }] }),
      'E_EVENT_INVALID', /intervals\[0\]\.duration is 0/);
    expectVtnError(() => build({ duration: HOUR, intervals: [{ duration: HOUR, payload: 1 }, { duration: 0, payload: 2 }] }),
      'E_EVENT_INVALID', /intervals\[1\]\.duration is 0/);
  });
});

describe('E_EVENT_INVALID: missing or malformed fields are named', () => {
  it.each([
    ['no intervals', { intervals: [] }, /intervals is empty/],
    ['neither intervals nor signals', { intervals: undefined }, /the event has no intervals/],
    ['an empty signals list', { ...NO_SINGLE, signals: [] }, /signals is empty/],
    ['both spellings', { signals: [{ signalName: 'SIMPLE', intervals: [{ duration: HOUR, payload: 1 }] }] }, /both signals and signalName/],
    ['a NaN payload', { intervals: [{ duration: HOUR, payload: Number.NaN }] }, /intervals\[0\]\.payload is NaN/],
    ['a missing payload', { intervals: [{ duration: HOUR }] }, /intervals\[0\]\.payload is missing/],
    ['payload and signalPayload that differ', { intervals: [{ duration: HOUR, payload: 1, signalPayload: 2 }] }, /payload 1 and signalPayload 2/],
    ['a negative interval duration', { intervals: [{ duration: -HOUR, payload: 1 }] }, /intervals\[0\]\.duration is negative/],
    ['a negative event duration', { duration: '-PT1H' }, /^duration is negative/],
    ['a negative rampUp', { rampUp: -1 }, /rampUp is negative/],
    ['a fractional priority', { priority: 1.5 }, /priority is 1.5/],
    ['a negative priority', { priority: -1 }, /priority is -1/],
    ['a bad responseRequired', { responseRequired: 'sometimes' as 'always' }, /responseRequired is "sometimes"/],
    ['a non-boolean testEvent', { testEvent: 'yes' as unknown as boolean }, /testEvent is "yes"/],
    ['an empty marketContext', { marketContext: '' }, /marketContext is ""/],
    ['an empty eventId', { eventId: '' }, /eventId is ""/],
    ['no dtstart anywhere', { dtstart: undefined }, /dtstart is missing/],
    ['a middle interval without duration', { duration: undefined, intervals: [{ payload: 1 }, { duration: HOUR, payload: 2 }] }, /intervals\[0\]\.duration is missing/],
    ['a last interval without duration and no event duration', { intervals: [{ payload: 1 }] }, /intervals\[0\]\.duration is missing/],
    ['an interval dtstart leaving a gap', { intervals: [{ duration: 'PT30M', payload: 1 }, { dtstart: '2026-06-01T10:45:00Z', duration: 'PT15M', payload: 1 }] },
      /intervals\[1\]\.dtstart is 2026-06-01T10:45:00.000Z but the interval must start at 2026-06-01T10:30:00.000Z/],
    ['an interval uid out of sequence', { intervals: [{ duration: HOUR, payload: 1, uid: '7' }] }, /intervals\[0\]\.uid is "7"/],
    ['a baseline without name', { baseline: { intervals: [{ duration: HOUR, payload: 1 }] } as never }, /baseline\.baselineName is undefined/],
    ['duplicate signalIds', { ...NO_SINGLE, signals: [
      { signalName: 'SIMPLE', signalId: 's', intervals: [{ duration: HOUR, payload: 1 }] },
      { signalName: 'SIMPLE', signalId: 's', intervals: [{ duration: HOUR, payload: 1 }] }] }, /signals\[1\]\.signalId "s" is used/],
  ])('refuses %s', (_label, over, message) => {
    expectVtnError(() => build(over), 'E_EVENT_INVALID', message);
  });

  it('refuses options that are not an object', () => {
    expectVtnError(() => buildEventRecord(null as never, ctx()), 'E_EVENT_INVALID', /not an object/);
  });
});

describe('E_DATETIME and E_DURATION name the field', () => {
  it('refuses a date-time without zone, suggesting one', () => {
    const err = expectVtnError(() => build({ dtstart: '2026-06-01T10:00:00' }), 'E_DATETIME', /^dtstart is "2026-06-01T10:00:00", not an ISO 8601 date-time/);
    expect(err.hint).toMatch(/a zone is required/);
  });

  it('refuses an impossible date and an invalid Date', () => {
    expectVtnError(() => build({ dtstart: '2026-13-01T10:00:00Z' }), 'E_DATETIME', /dtstart is/);
    expectVtnError(() => build({ dtstart: new Date(Number.NaN) }), 'E_DATETIME', /dtstart is an invalid Date/);
  });

  it('refuses a malformed duration string', () => {
    expectVtnError(() => build({ intervals: [{ duration: '1 hour', payload: 1 }] }), 'E_DURATION', /^intervals\[0\]\.duration: "1 hour" is not an ISO 8601 duration/);
  });
});

describe('§4 signal names and types are checked when building', () => {
  it('refuses an unknown name with E_SIGNAL_NAME and a wrong type with E_SIGNAL_TYPE', () => {
    expectVtnError(() => build({ signalName: 'CUSTOM', signalType: 'level' }), 'E_SIGNAL_NAME', /^signalName is "CUSTOM"/);
    expectVtnError(() => build({ ...NO_SINGLE, signals: [{ signalName: 'SIMPLE', signalType: 'price', intervals: [{ duration: HOUR, payload: 1 }] }] }),
      'E_SIGNAL_TYPE', /^signals\[0\]\.signalType is "price"; SIMPLE allows level/);
  });
});

describe('E_EVENT_TARGET: an event must reach at least one VEN', () => {
  it('refuses an event with no VEN at all', () => {
    const err = expectVtnError(() => build({ venId: undefined }), 'E_EVENT_TARGET', /the event names no VEN/);
    expect(err.hint).toMatch(/venId, venIds, or a target/);
  });

  it('refuses a target with only resources and no VEN', () => {
    expectVtnError(() => build({ venId: undefined, target: { resourceIds: ['r1'] } }), 'E_EVENT_TARGET', /names no VEN/);
  });

  it('refuses malformed target values, naming them', () => {
    expectVtnError(() => build({ targets: [{ venIds: 'ven-2' as unknown as string[] }] }), 'E_EVENT_TARGET', /targets\[0\]\.venIds is "ven-2"/);
    expectVtnError(() => build({ target: { venId: '' } }), 'E_EVENT_TARGET', /target\.venId is ""/);
    expectVtnError(() => build({ targetsByType: { group_id: [3 as unknown as string] } }), 'E_EVENT_TARGET', /targetsByType\.group_id is \[3\]/);
  });
});

describe('every authoring error code is in the catalogue', () => {
  it.each(['E_EVENT_INVALID', 'E_SIGNAL_TYPE', 'E_SIGNAL_NAME', 'E_SIMPLE_PAYLOAD', 'E_INTERVAL_SUM', 'E_EVENT_OVERLAP',
    'E_EVENT_TARGET', 'E_EVENT_CANCELLED', 'E_DURATION', 'E_DATETIME'])('%s is documented', (code) => {
    expect(ERROR_CODES).toHaveProperty(code);
  });
});
