// 3.1 payload types and units ↔ 2.0b signal names/types and emix itemBase (the README's mapping table).
import type { ItemBase } from '../../oadr/model.js';
import { allowedSignalTypes } from '../../vtn/events/index.js';
import { badRequest } from '../http/problem.js';

/** 3.1 payload type → 2.0b [signalName, signalType]; the same pairs read back the other way. */
const PAYLOAD_TO_SIGNAL: Record<string, [string, string]> = {
  SIMPLE: ['SIMPLE', 'level'],
  PRICE: ['ELECTRICITY_PRICE', 'price'],
  CHARGE_STATE_SETPOINT: ['CHARGE_STATE', 'setpoint'],
  DISPATCH_SETPOINT: ['LOAD_DISPATCH', 'setpoint'],
  DISPATCH_SETPOINT_RELATIVE: ['LOAD_DISPATCH', 'delta'],
  CONTROL_SETPOINT: ['LOAD_CONTROL', 'x-loadControlSetpoint'],
  CONTROL_LEVEL_OFFSET: ['LOAD_CONTROL', 'x-loadControlLevelOffset'],
  CONTROL_LEVEL_OFFSET_PERCENT: ['LOAD_CONTROL', 'x-loadControlPercentOffset'],
  IMPORT_CAPACITY_LIMIT: ['LOAD_CONTROL', 'x-loadControlCapacity'],
};
const SIGNAL_TO_PAYLOAD = new Map(Object.entries(PAYLOAD_TO_SIGNAL).map(([type, [name, signalType]]) => [`${name}/${signalType}`, type]));

export interface SignalKind {
  signalName: string;
  signalType: string;
}

/**
 * The 2.0b signal for a 3.1 payload type: the table above, `NAME/type` for any 2.0b pair, else the private
 * signal `x-TYPE` (price-like names as `price`, others as `level`).
 */
export function signalOfPayloadType(type: string): SignalKind {
  const known = PAYLOAD_TO_SIGNAL[type];
  if (known) return { signalName: known[0], signalType: known[1] };
  const [name, signalType] = type.split('/');
  if (name && signalType && allowedSignalTypes(name)?.includes(signalType as never)) return { signalName: name, signalType };
  if (!/^\S+$/.test(type)) throw badRequest(`payload type "${type.slice(0, 64)}" has spaces: a 2.0b signal name cannot carry it`);
  return { signalName: `x-${type}`, signalType: /PRICE|FEE/.test(type) ? 'price' : 'level' };
}

/** The 3.1 payload type of a 2.0b signal (inverse of signalOfPayloadType). */
export function payloadTypeOfSignal(signal: SignalKind): string {
  const known = SIGNAL_TO_PAYLOAD.get(`${signal.signalName}/${signal.signalType}`);
  if (known) return known;
  if (signal.signalName.startsWith('x-')) return signal.signalName.slice(2);
  const allowed = allowedSignalTypes(signal.signalName);
  return allowed?.[0] === signal.signalType ? signal.signalName : `${signal.signalName}/${signal.signalType}`;
}

/** units (+ currency) of an eventPayloadDescriptor → the signal's itemBase; undefined when neither is given. */
export function itemBaseOf(units: string | null | undefined, currency: string | null | undefined, where: string): ItemBase | undefined {
  if (currency) {
    if (!/^[A-Z]{3}$/.test(currency)) throw badRequest(`${where}.currency "${currency.slice(0, 16)}" is not an ISO 4217 code such as USD`);
    if (units === 'KWH') return { kind: 'currencyPerKWh', description: 'currencyPerKWh', units: currency, siScaleCode: 'none' };
    if (units === 'KW') return { kind: 'currencyPerKW', description: 'currencyPerKW', units: currency, siScaleCode: 'none' };
    if (!units) return { kind: 'currency', description: 'currency', units: currency, siScaleCode: 'none' };
    throw badRequest(`${where}: a price per ${units.slice(0, 16)} has no 2.0b unit; use units KWH or KW with a currency`);
  }
  if (!units) return undefined;
  if (units === 'KW') return { kind: 'powerReal', description: 'RealPower', units: 'W', siScaleCode: 'k' };
  if (units === 'KWH') return { kind: 'energyReal', description: 'RealEnergy', units: 'Wh', siScaleCode: 'k' };
  if (units === 'VOLTS') return { kind: 'voltage', description: 'Voltage', units: 'V', siScaleCode: 'none' };
  return { kind: 'customUnit', description: units, units, siScaleCode: 'none' };
}

/** An itemBase read back as 3.1 units and currency. */
export function unitsOf(item: ItemBase | undefined): { units?: string; currency?: string } {
  if (!item) return {};
  const scaled = (base: string, unit: string) => (item.siScaleCode === 'k' ? base : `${unit}`);
  switch (item.kind) {
    case 'currencyPerKWh': return { units: 'KWH', currency: item.units };
    case 'currencyPerKW': return { units: 'KW', currency: item.units };
    case 'currency': return { currency: item.units };
    case 'powerReal': return { units: scaled('KW', item.units) };
    case 'energyReal': return { units: scaled('KWH', item.units) };
    case 'voltage': return { units: 'VOLTS' };
    default: return { units: item.units };
  }
}
