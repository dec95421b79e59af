import { describe, expect, it } from 'vitest';
import { allowedSignalTypes, checkSignalNameAndType, SIGNAL_TYPES } from '../../../src/vtn/events/index.js';
import { expectVtnError } from './event-fixtures.js';

describe('§4 signals: each signal name allows its own signal types', () => {
  it.each([
    ['SIMPLE', 'level'], ['simple', 'level'],
    ['ELECTRICITY_PRICE', 'price'], ['ENERGY_PRICE', 'priceRelative'], ['DEMAND_CHARGE', 'priceMultiplier'],
    ['BID_PRICE', 'price'], ['BID_LOAD', 'setpoint'], ['BID_ENERGY', 'setpoint'],
    ['CHARGE_STATE', 'delta'], ['CHARGE_STATE', 'multiplier'], ['LOAD_DISPATCH', 'level'],
    ['LOAD_CONTROL', 'x-loadControlCapacity'], ['LOAD_CONTROL', 'x-loadControlSetpoint'],
    ['x-myCustomSignal', 'setpoint'], ['x-myCustomSignal', 'x-loadControlPercentOffset'],
  ])('%s accepts %s', (name, type) => {
    expect(checkSignalNameAndType(name, type, '').signalType).toBe(type);
  });

  it.each([
    ['SIMPLE', 'price'], ['ELECTRICITY_PRICE', 'level'], ['BID_PRICE', 'priceRelative'], ['BID_LOAD', 'price'],
    ['CHARGE_STATE', 'level'], ['LOAD_CONTROL', 'setpoint'], ['x-custom', 'x-notAType'],
  ])('%s refuses %s with E_SIGNAL_TYPE listing the allowed types', (name, type) => {
    expectVtnError(() => checkSignalNameAndType(name, type, 'signals[0].'), 'E_SIGNAL_TYPE',
      new RegExp(`signals\\[0\\]\\.signalType is "${type}"; .* allows`));
  });

  it('writes the deprecated lower-case simple as SIMPLE', () => {
    expect(checkSignalNameAndType('simple', 'level', '').signalName).toBe('SIMPLE');
  });

  it('fills in the type when the name allows only one, and asks for it otherwise', () => {
    expect(checkSignalNameAndType('SIMPLE', undefined, '').signalType).toBe('level');
    expectVtnError(() => checkSignalNameAndType('ELECTRICITY_PRICE', undefined, ''), 'E_SIGNAL_TYPE',
      /signalType is missing; ELECTRICITY_PRICE allows price, priceRelative, priceMultiplier/);
  });

  it('refuses an unknown name, a bare x- and a missing name with E_SIGNAL_NAME', () => {
    expectVtnError(() => checkSignalNameAndType('PRICE', 'price', ''), 'E_SIGNAL_NAME', /signalName is "PRICE".*x-/);
    expectVtnError(() => checkSignalNameAndType('x-', 'price', ''), 'E_SIGNAL_NAME', /signalName is "x-"/);
    expectVtnError(() => checkSignalNameAndType(undefined, 'level', ''), 'E_SIGNAL_NAME', /signalName is missing/);
  });

  it('custom x- names accept exactly the XSD signal types', () => {
    expect(allowedSignalTypes('x-anything')).toEqual(SIGNAL_TYPES);
    expect(SIGNAL_TYPES).toHaveLength(11);
    expect(allowedSignalTypes('NOT_A_SIGNAL')).toBeUndefined();
  });
});
