// Encoded blocks many payloads share: eiResponse, eiTarget, xcal date-time/duration wrappers, signal intervals.
import { formatDateTime } from './datetime.js';
import { formatDuration } from './duration.js';
import type { EiResponse, Interval, Target } from './model.js';
import { floatText, leaf, optLeaf, wrap } from './xml-write.js';

export function dtstartXml(d: Date): string {
  return `<xcal:dtstart><xcal:date-time>${formatDateTime(d)}</xcal:date-time></xcal:dtstart>`;
}

/** A DurationPropType element: `<name><xcal:duration>PT1H</xcal:duration></name>`. */
export function durationPropXml(ms: number, name = 'xcal:duration'): string {
  return `<${name}><xcal:duration>${formatDuration(ms)}</xcal:duration></${name}>`;
}

export function propertiesXml(dtstart: Date, duration: number): string {
  return wrap('xcal:properties', dtstartXml(dtstart) + durationPropXml(duration));
}

export function eiResponseXml(r: EiResponse): string {
  return wrap('ei:eiResponse', leaf('ei:responseCode', String(r.responseCode)) +
    optLeaf('ei:responseDescription', r.responseDescription) + leaf('pyld:requestID', r.requestId));
}

// XSD order inside EiTargetType: groupID, groupName, resourceID, venID, partyID.
const TARGET_ORDER: [keyof Target, string][] = [
  ['groupIds', 'ei:groupID'],
  ['groupNames', 'ei:groupName'],
  ['resourceIds', 'ei:resourceID'],
  ['venIds', 'ei:venID'],
  ['partyIds', 'ei:partyID'],
];

/** eiTarget-typed element (always emitted, possibly empty). */
export function targetXml(target: Target | undefined, name = 'ei:eiTarget'): string {
  let inner = '';
  if (target) {
    for (const [field, tag] of TARGET_ORDER) for (const id of target[field] ?? []) inner += leaf(tag, id);
  }
  return wrap(name, inner);
}

/** Signal/baseline intervals; uids 0,1,2… when absent; dtstart per interval only when asked (from `start`). */
export function signalIntervalsXml(intervals: Interval[], start: Date | undefined): string {
  let out = '';
  let offset = start ? start.getTime() : 0;
  intervals.forEach((iv, i) => {
    const dtstart = start ? dtstartXml(new Date(offset)) : '';
    offset += iv.duration;
    out += `<ei:interval>${dtstart}${durationPropXml(iv.duration)}<xcal:uid>${leaf('xcal:text', iv.uid ?? String(i))}</xcal:uid>` +
      `<ei:signalPayload><ei:payloadFloat>${leaf('ei:value', floatText(iv.payload))}</ei:payloadFloat></ei:signalPayload></ei:interval>`;
  });
  return wrap('strm:intervals', out);
}
