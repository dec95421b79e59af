// emix:itemBase substitutes (powerReal, energyReal, voltage, customUnit, currency …) in both directions.
import { VtnError } from '../errors.js';
import type { ItemBase } from './model.js';
import type { Node } from './json-read.js';
import { boolText, leaf, wrap } from './xml-write.js';

/** Namespace prefix of each supported itemBase element; its itemDescription/itemUnits share it. */
const ITEM_BASE_PREFIX: Record<string, 'power' | 'oadr'> = {
  voltage: 'power', energyApparent: 'power', energyReactive: 'power', energyReal: 'power',
  powerApparent: 'power', powerReactive: 'power', powerReal: 'power',
  customUnit: 'oadr', current: 'oadr', currency: 'oadr', currencyPerKWh: 'oadr', currencyPerKW: 'oadr',
  currencyPerThm: 'oadr', frequency: 'oadr', Therm: 'oadr', temperature: 'oadr',
};
const WITH_POWER_ATTRIBUTES = new Set(['powerApparent', 'powerReactive', 'powerReal']);
// The XSD requires powerAttributes on power items; a model without them gets the North American grid defaults.
const DEFAULT_POWER_ATTRIBUTES = { hertz: 60, voltage: 120, ac: true };

/** Reads the itemBase child of a node, if any (unsupported kinds such as pulseCount are skipped). */
export function decodeItemBase(node: Node): ItemBase | undefined {
  for (const [kind, prefix] of Object.entries(ITEM_BASE_PREFIX)) {
    const key = `${prefix}:${kind}`;
    if (!node.has(key)) continue;
    const item = node.child(key);
    const base: ItemBase = {
      kind,
      description: item.text(`${prefix}:itemDescription`),
      units: item.text(`${prefix}:itemUnits`),
    };
    const scale = item.optText('scale:siScaleCode');
    if (scale !== undefined) base.siScaleCode = scale;
    if (item.has('power:powerAttributes')) {
      const attrs = item.child('power:powerAttributes');
      base.powerAttributes = { hertz: attrs.number('power:hertz', 'decimal'), voltage: attrs.number('power:voltage', 'decimal'), ac: attrs.boolean('power:ac') };
    }
    return base;
  }
  return undefined;
}

/** Encodes an itemBase in XSD order: itemDescription, itemUnits, siScaleCode[, powerAttributes]. */
export function encodeItemBase(item: ItemBase | undefined): string {
  if (!item) return '';
  const prefix = ITEM_BASE_PREFIX[item.kind];
  if (!prefix) {
    throw new VtnError('E_PAYLOAD', `itemBase kind "${item.kind}" cannot be encoded`, `use one of ${Object.keys(ITEM_BASE_PREFIX).join(', ')}`);
  }
  let inner = leaf(`${prefix}:itemDescription`, item.description) + leaf(`${prefix}:itemUnits`, item.units) +
    leaf('scale:siScaleCode', item.siScaleCode ?? 'none');
  if (WITH_POWER_ATTRIBUTES.has(item.kind)) {
    const pa = item.powerAttributes ?? DEFAULT_POWER_ATTRIBUTES;
    inner += wrap('power:powerAttributes', leaf('power:hertz', String(pa.hertz)) + leaf('power:voltage', String(pa.voltage)) +
      leaf('power:ac', boolText(pa.ac)));
  }
  return wrap(`${prefix}:${item.kind}`, inner);
}
