// The 3.1 ↔ 2.0b mapping: payload types ↔ signals, units ↔ itemBase, intervals ↔ timing, priority, targets.
import { describe, expect, it } from 'vitest';
import { buildEventRecord } from '../../../src/vtn/events/index.js';
import { eventFromCore, targetsOfEvent } from '../../../src/openadr3/objects/event-from-core.js';
import { itemBaseOf, payloadTypeOfSignal, signalOfPayloadType, unitsOf } from '../../../src/openadr3/objects/event-payloads.js';
import { coreEventParts } from '../../../src/openadr3/objects/event-to-core.js';
import { Oadr3Problem } from '../../../src/openadr3/http/problem.js';
import { visibleTo, withShownTargets } from '../../../src/openadr3/objects/event-targets.js';

const now = new Date('2026-06-01T12:00:00Z');

describe('payload types and signals', () => {
  it.each([
    ['SIMPLE', 'SIMPLE', 'level'], ['PRICE', 'ELECTRICITY_PRICE', 'price'], ['DISPATCH_SETPOINT', 'LOAD_DISPATCH', 'setpoint'],
    ['DISPATCH_SETPOINT_RELATIVE', 'LOAD_DISPATCH', 'delta'], ['CONTROL_SETPOINT', 'LOAD_CONTROL', 'x-loadControlSetpoint'],
    ['CHARGE_STATE_SETPOINT', 'CHARGE_STATE', 'setpoint'], ['EXPORT_PRICE', 'x-EXPORT_PRICE', 'price'], ['GHG', 'x-GHG', 'level'],
    ['ENERGY_PRICE/priceRelative', 'ENERGY_PRICE', 'priceRelative'],
  ])('%s ↔ %s/%s both ways', (type, signalName, signalType) => {
    expect(signalOfPayloadType(type)).toEqual({ signalName, signalType });
    expect(payloadTypeOfSignal({ signalName, signalType })).toBe(type);
  });

  it('a 2.0b signal with its only type reads as its own name', () => {
    expect(payloadTypeOfSignal({ signalName: 'BID_PRICE', signalType: 'price' })).toBe('BID_PRICE');
    expect(signalOfPayloadType('BID_PRICE')).toEqual({ signalName: 'x-BID_PRICE', signalType: 'price' });
  });
});

describe('units and itemBase', () => {
  it.each([
    ['KWH', 'USD', 'currencyPerKWh'], ['KW', 'EUR', 'currencyPerKW'], [undefined, 'USD', 'currency'],
    ['KW', undefined, 'powerReal'], ['KWH', undefined, 'energyReal'], ['VOLTS', undefined, 'voltage'], ['THERMS', undefined, 'customUnit'],
  ])('%s %s → %s and back', (units, currency, kind) => {
    const item = itemBaseOf(units, currency, 'd');
    expect(item?.kind).toBe(kind);
    expect(unitsOf(item)).toEqual({ ...(units ? { units } : {}), ...(currency ? { currency } : {}) });
  });

  it('refuses a currency that is no ISO code and a price per unit 2.0b lacks', () => {
    expect(() => itemBaseOf('KWH', 'dollars', 'd')).toThrow(Oadr3Problem);
    expect(() => itemBaseOf('THERMS', 'USD', 'd')).toThrow(/KWH or KW/);
  });
});

describe('intervals and timing', () => {
  const body = {
    programID: 'p', priority: 0, eventName: 'n',
    intervalPeriod: { start: '2026-06-01T14:00:00Z', duration: 'PT15M', randomizeStart: 'PT5M' },
    intervals: [
      { id: 7, payloads: [{ type: 'PRICE', values: [0.1] }, { type: 'SIMPLE', values: [1] }] },
      { id: 8, intervalPeriod: { duration: 'PT30M' }, payloads: [{ type: 'PRICE', values: [0.2] }, { type: 'SIMPLE', values: [2] }] },
    ],
  };

  it('one 2.0b signal per payload type, back-to-back intervals, priority + 1, eventName as vtnComment, randomizeStart as startAfter', () => {
    const parts = coreEventParts(body, [], now);
    expect(parts).toMatchObject({ dtstart: '2026-06-01T14:00:00.000Z', priority: 1, vtnComment: 'n', startAfter: 300_000 });
    expect(parts.signals!.map((s) => [s.signalName, s.intervals.map((i) => [i.duration, i.payload])])).toEqual([
      ['ELECTRICITY_PRICE', [[900_000, 0.1], [1_800_000, 0.2]]], ['SIMPLE', [[900_000, 1], [1_800_000, 2]]],
    ]);
    const rec = buildEventRecord({ ...parts, venIds: ['v1'] }, { now, newId: () => 'id-1', defaultMarketContext: 'mc' });
    const served = eventFromCore(rec, 'p');
    expect(served).toMatchObject({ programID: 'p', priority: 0, eventName: 'n', targets: ['v1'], intervalPeriod: { start: '2026-06-01T14:00:00.000Z', duration: 'PT45M', randomizeStart: 'PT5M' } });
    expect(served.intervals).toEqual([
      { id: 0, intervalPeriod: { start: '2026-06-01T14:00:00.000Z', duration: 'PT15M' }, payloads: [{ type: 'PRICE', values: [0.1] }, { type: 'SIMPLE', values: [1] }] },
      { id: 1, intervalPeriod: { start: '2026-06-01T14:15:00.000Z', duration: 'PT30M' }, payloads: [{ type: 'PRICE', values: [0.2] }, { type: 'SIMPLE', values: [2] }] },
    ]);
  });

  it('"0001-01-01" starts now and P9999Y makes the last interval open-ended', () => {
    const parts = coreEventParts({ programID: 'p', intervals: [{ id: 0, intervalPeriod: { start: '0001-01-01T00:00:00Z', duration: 'P9999Y' }, payloads: [{ type: 'SIMPLE', values: [1] }] }] }, [], now);
    expect(parts.dtstart).toBe(now.toISOString());
    expect(parts.signals![0]!.intervals[0]!.duration).toBe(0);
    expect(parts.priority).toBe(0);
  });

  it('refuses an interval missing a payload type of the event, and an open-ended interval before the last', () => {
    const missing = { ...body, intervals: [body.intervals[0]!, { id: 8, payloads: [{ type: 'PRICE', values: [0.2] }] }] };
    expect(() => coreEventParts(missing, [], now)).toThrow(/each payload type of the event exactly once/);
    const early = { ...body, intervals: [{ ...body.intervals[0]!, intervalPeriod: { duration: 'P9999Y' } }, body.intervals[1]!] };
    expect(() => coreEventParts(early, [], now)).toThrow(/only the last interval/);
  });

  it('a served 3.1 event is the request as sent while the core record is the version it described', () => {
    const rec = buildEventRecord({ ...coreEventParts(body, [], now), venIds: ['v1'] }, { now, newId: () => 'id-2', defaultMarketContext: 'mc' });
    const extras = { id: rec.eventId, programID: 'p', modificationNumber: 0, clientID: 'bl', request: { ...body, targets: ['t1'] } };
    expect(eventFromCore(rec, 'p', extras).intervals?.map((i) => i.id)).toEqual([7, 8]);
    expect(eventFromCore({ ...rec, modificationNumber: 1 }, 'p', extras)).toMatchObject({ targets: ['t1'], intervals: [{ id: 0 }, { id: 1 }] });
  });

  it('a 3.1 event sent without targets stays untargeted once changed elsewhere: its 2.0b audience is not shown as targets', () => {
    const rec = buildEventRecord({ ...coreEventParts(body, [], now), venIds: ['ven-2b'] }, { now, newId: () => 'id-3', defaultMarketContext: 'mc' });
    const extras = { id: rec.eventId, programID: 'p', modificationNumber: 0, clientID: 'bl', request: body };
    expect(targetsOfEvent({ ...rec, modificationNumber: 1 }, extras)).toEqual([]);
    expect(eventFromCore({ ...rec, modificationNumber: 1 }, 'p', extras).targets).toBeUndefined();
    expect(targetsOfEvent(rec)).toEqual(['ven-2b']);
  });
});

describe('target visibility and hiding', () => {
  const vEN = { requested: new Set(['a', 'b']), effective: new Set(['a']) };
  const bl = { requested: new Set<string>() };
  it('untargeted objects are for everyone; targeted ones need an effective target', () => {
    expect(visibleTo(vEN, undefined)).toBe(true);
    expect(visibleTo(vEN, ['b'])).toBe(false);
    expect(visibleTo(vEN, ['a', 'c'])).toBe(true);
    expect(visibleTo({ requested: new Set(), effective: new Set() }, ['a'])).toBe(false);
    expect(visibleTo(bl, ['z'])).toBe(true);
    expect(visibleTo({ requested: new Set(['y']) }, ['z'])).toBe(false);
  });
  it('a VEN is shown only its effective targets; BL all', () => {
    expect(withShownTargets(vEN, { id: 1, targets: ['a', 'b', 'c'] })).toEqual({ id: 1, targets: ['a'] });
    expect(withShownTargets(bl, { id: 1, targets: ['a', 'b'] })).toEqual({ id: 1, targets: ['a', 'b'] });
  });
});
