// Which signalType each signalName allows (requirements §4; type list from oadr_ei_20b.xsd SignalTypeEnumeratedType).
import { VtnError } from '../../errors.js';

/** Every value of the XSD's SignalTypeEnumeratedType. */
export const SIGNAL_TYPES = [
  'delta', 'level', 'multiplier', 'price', 'priceMultiplier', 'priceRelative', 'setpoint',
  'x-loadControlCapacity', 'x-loadControlLevelOffset', 'x-loadControlPercentOffset', 'x-loadControlSetpoint',
] as const;

export type SignalType = (typeof SIGNAL_TYPES)[number];

const PRICE_TYPES = ['price', 'priceRelative', 'priceMultiplier'] as const;

/** The allowed types per standard signal name. */
export const SIGNAL_CATALOGUE: Readonly<Record<string, readonly SignalType[]>> = {
  SIMPLE: ['level'],
  ELECTRICITY_PRICE: PRICE_TYPES,
  ENERGY_PRICE: PRICE_TYPES,
  DEMAND_CHARGE: PRICE_TYPES,
  BID_PRICE: ['price'],
  BID_LOAD: ['setpoint'],
  BID_ENERGY: ['setpoint'],
  CHARGE_STATE: ['setpoint', 'delta', 'multiplier'],
  LOAD_DISPATCH: ['setpoint', 'delta', 'multiplier', 'level'],
  LOAD_CONTROL: ['x-loadControlCapacity', 'x-loadControlLevelOffset', 'x-loadControlPercentOffset', 'x-loadControlSetpoint'],
};

/** XSD EiExtensionTokenType: `x-` followed by a non-space character. */
const CUSTOM_NAME = /^x-\S/;

/** The canonical spelling of a signal name: the XSD's deprecated `simple` becomes `SIMPLE`. */
export function canonicalSignalName(name: string): string {
  return name === 'simple' ? 'SIMPLE' : name;
}

export function isCustomSignalName(name: string): boolean {
  return CUSTOM_NAME.test(name);
}

/** Types allowed for a name, or undefined when the name is neither standard nor custom. */
export function allowedSignalTypes(name: string): readonly SignalType[] | undefined {
  const canonical = canonicalSignalName(name);
  if (Object.hasOwn(SIGNAL_CATALOGUE, canonical)) return SIGNAL_CATALOGUE[canonical];
  return isCustomSignalName(canonical) ? SIGNAL_TYPES : undefined;
}

/**
 * Checks a (name, type) pair and returns the canonical pair; a missing type is filled in when the
 * name allows exactly one. `field` prefixes names in error messages, e.g. `signals[1].`.
 */
export function checkSignalNameAndType(
  name: unknown, type: unknown, field: string,
): { signalName: string; signalType: SignalType } {
  if (typeof name !== 'string' || name === '') {
    throw new VtnError('E_SIGNAL_NAME', `${field}signalName is missing`,
      `use one of ${Object.keys(SIGNAL_CATALOGUE).join(', ')} or a custom name starting with x-`);
  }
  const allowed = allowedSignalTypes(name);
  if (!allowed) {
    throw new VtnError('E_SIGNAL_NAME', `${field}signalName is "${name}", which OpenADR 2.0b does not define`,
      `use one of ${Object.keys(SIGNAL_CATALOGUE).join(', ')} or a custom name starting with x-`);
  }
  const signalName = canonicalSignalName(name);
  if (type === undefined && allowed.length === 1) return { signalName, signalType: allowed[0] as SignalType };
  const found = allowed.find((t) => t === type);
  if (found === undefined) {
    const shown = type === undefined ? 'missing' : `"${String(type)}"`;
    throw new VtnError('E_SIGNAL_TYPE', `${field}signalType is ${shown}; ${signalName} allows ${allowed.join(', ')}`,
      'pick one of the allowed types');
  }
  return { signalName, signalType: found };
}
