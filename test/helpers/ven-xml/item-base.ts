// emix:itemBase substitutes a VEN uses to describe report units: real power, real energy, voltage, custom.
import { el, leaf, type XmlNode } from './xml-tree.js';

export const SI_SCALE_CODES = ['p', 'n', 'micro', 'm', 'c', 'd', 'k', 'M', 'G', 'T', 'none'] as const;
export type SiScaleCode = (typeof SI_SCALE_CODES)[number];

export type ItemBaseInput =
  | { kind: 'powerReal'; units?: 'W' | 'J/s'; siScaleCode?: SiScaleCode; hertz?: number; voltage?: number; ac?: boolean }
  | { kind: 'energyReal'; siScaleCode?: SiScaleCode }
  | { kind: 'voltage'; siScaleCode?: SiScaleCode }
  | { kind: 'customUnit'; description: string; units: string; siScaleCode?: SiScaleCode };

function scaleNode(code: SiScaleCode | undefined): XmlNode {
  const value = code ?? 'none';
  if (!SI_SCALE_CODES.includes(value)) throw new Error(`ven-xml: unknown siScaleCode ${JSON.stringify(value)}`);
  return leaf('scale', 'siScaleCode', value);
}

export function itemBaseNode(item: ItemBaseInput): XmlNode {
  switch (item.kind) {
    case 'powerReal':
      return el('power', 'powerReal', [
        leaf('power', 'itemDescription', 'RealPower'),
        leaf('power', 'itemUnits', item.units ?? 'W'),
        scaleNode(item.siScaleCode),
        el('power', 'powerAttributes', [
          leaf('power', 'hertz', item.hertz ?? 50),
          leaf('power', 'voltage', item.voltage ?? 230),
          leaf('power', 'ac', item.ac ?? true),
        ]),
      ]);
    case 'energyReal':
      return el('power', 'energyReal', [
        leaf('power', 'itemDescription', 'RealEnergy'), leaf('power', 'itemUnits', 'Wh'), scaleNode(item.siScaleCode),
      ]);
    case 'voltage':
      return el('power', 'voltage', [
        leaf('power', 'itemDescription', 'Voltage'), leaf('power', 'itemUnits', 'V'), scaleNode(item.siScaleCode),
      ]);
    case 'customUnit':
      return el('oadr', 'customUnit', [
        leaf('oadr', 'itemDescription', item.description), leaf('oadr', 'itemUnits', item.units), scaleNode(item.siScaleCode),
      ]);
  }
}
