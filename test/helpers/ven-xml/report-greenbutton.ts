// oadrGBPayload: an Atom feed with an ESPI ReadingType entry and an IntervalBlock entry, as a meter exports it.
import { dateTimeText, type TimeInput } from './calendar-parts.js';
import { el, leaf, maybe, type XmlNode } from './xml-tree.js';

/** One ESPI IntervalReading: start and duration in the wire's epoch seconds are derived from these. */
export interface GreenButtonReadingInput {
  /** Omit to rely on the block's interval start + index × intervalLength. */
  start?: TimeInput;
  durationS?: number;
  /** Raw Int48 value, in units of 10^powerOfTenMultiplier × uom. */
  value?: number;
  cost?: number;
}

export interface GreenButtonInput {
  feedId?: string;
  /** ESPI UnitSymbolKind code, e.g. 72 (Wh), 38 (W). */
  uom?: number;
  powerOfTenMultiplier?: number;
  intervalLengthS?: number;
  block?: { start: TimeInput; durationS: number };
  readings: GreenButtonReadingInput[];
}

const epochSeconds = (t: TimeInput): number => Math.floor(new Date(dateTimeText(t)).getTime() / 1000);

function integerLeaf(name: string, n: number): XmlNode {
  if (!Number.isInteger(n)) throw new Error(`ven-xml: ESPI ${name} must be an integer, got ${n}`);
  return leaf('espi', name, n);
}

function timeInterval(name: string, durationS: number | undefined, start: TimeInput | undefined): XmlNode {
  return el('espi', name, [maybe(durationS, (d) => integerLeaf('duration', d)), maybe(start, (s) => integerLeaf('start', epochSeconds(s)))]);
}

function entry(id: string, title: string, updated: string, resource: XmlNode): XmlNode {
  return el('atom', 'entry', [leaf('atom', 'id', id), leaf('atom', 'title', title), leaf('atom', 'updated', updated), el('atom', 'content', [resource])]);
}

export function greenButtonPayloadNode(gb: GreenButtonInput): XmlNode {
  const id = gb.feedId ?? 'urn:uuid:4a1b2c3d-0000-4000-8000-000000000001';
  const updated = dateTimeText(new Date());
  const readingType = el('espi', 'ReadingType', [
    maybe(gb.intervalLengthS, (n) => integerLeaf('intervalLength', n)),
    maybe(gb.powerOfTenMultiplier, (n) => integerLeaf('powerOfTenMultiplier', n)),
    maybe(gb.uom, (n) => integerLeaf('uom', n)),
  ]);
  const block = el('espi', 'IntervalBlock', [
    maybe(gb.block, (b) => timeInterval('interval', b.durationS, b.start)),
    gb.readings.map((r) => el('espi', 'IntervalReading', [
      maybe(r.cost, (c) => integerLeaf('cost', c)),
      r.start === undefined && r.durationS === undefined ? undefined : timeInterval('timePeriod', r.durationS, r.start),
      maybe(r.value, (v) => integerLeaf('value', v)),
    ])),
  ]);
  return el('oadr', 'oadrGBPayload', [el('atom', 'feed', [
    leaf('atom', 'id', id),
    leaf('atom', 'title', 'HISTORY_GREENBUTTON'),
    leaf('atom', 'updated', updated),
    entry(`${id}/ReadingType`, 'ReadingType', updated, readingType),
    entry(`${id}/IntervalBlock`, 'IntervalBlock', updated, block),
  ])]);
}
