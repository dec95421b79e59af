// xCal building blocks: date-times, duration properties, properties blocks and vavailability.
import { el, leaf, maybe, type XmlNode } from './xml-tree.js';
import type { NsKey } from './namespaces.js';

/** A Date is written as UTC ISO 8601 with Z; a string is written verbatim (to test odd inputs). */
export type TimeInput = Date | string;

export function dateTimeText(t: TimeInput): string {
  if (typeof t === 'string') return t;
  if (Number.isNaN(t.getTime())) throw new Error('ven-xml: invalid Date given for a date-time');
  return t.toISOString();
}

export function dtstartNode(t: TimeInput): XmlNode {
  return el('xcal', 'dtstart', [leaf('xcal', 'date-time', dateTimeText(t))]);
}

/** A DurationPropType element: <ns:name><xcal:duration>PT1H</xcal:duration></ns:name>. */
export function durationProp(ns: NsKey, name: string, value: string): XmlNode {
  return el(ns, name, [leaf('xcal', 'duration', value)]);
}

export interface PeriodInput {
  dtstart: TimeInput;
  /** ISO 8601 duration, written verbatim. */
  duration: string;
}

export function propertiesNode(p: PeriodInput): XmlNode {
  return el('xcal', 'properties', [dtstartNode(p.dtstart), durationProp('xcal', 'duration', p.duration)]);
}

export function vavailabilityNode(periods: PeriodInput[]): XmlNode {
  const available = periods.map((p) => el('xcal', 'available', [propertiesNode(p)]));
  return el('xcal', 'vavailability', [el('xcal', 'components', available)]);
}

/** Stream interval timing shared by report intervals: all parts optional. */
export interface IntervalTiming {
  dtstart?: TimeInput;
  duration?: string;
  uid?: string;
}

export function intervalTimingNodes(t: IntervalTiming): Array<XmlNode | undefined> {
  return [
    maybe(t.dtstart, dtstartNode),
    maybe(t.duration, (d) => durationProp('xcal', 'duration', d)),
    maybe(t.uid, (u) => el('xcal', 'uid', [leaf('xcal', 'text', u)])),
  ];
}
