// Mapping of the blocks many payloads share: eiResponse, eiTarget, signal intervals, qualified event IDs.
import type { EiResponse, Interval, OptType, Target } from './model.js';
import type { Node } from './json-read.js';

export function decodeEiResponse(node: Node): EiResponse {
  const response: EiResponse = {
    responseCode: node.number('ei:responseCode', 'unsignedInt'),
    requestId: node.optText('pyld:requestID') ?? '',
  };
  const description = node.optText('ei:responseDescription');
  if (description !== undefined) response.responseDescription = description;
  return response;
}

const TARGET_FIELDS: [keyof Target, string][] = [
  ['venIds', 'ei:venID'],
  ['resourceIds', 'ei:resourceID'],
  ['groupIds', 'ei:groupID'],
  ['groupNames', 'ei:groupName'],
  ['partyIds', 'ei:partyID'],
];

/** eiTarget-typed element -> Target with only the lists that are present. */
export function decodeTarget(node: Node): Target {
  const target: Target = {};
  for (const [field, key] of TARGET_FIELDS) {
    if (node.has(key)) target[field] = node.texts(key);
  }
  return target;
}

/** Signal or baseline intervals: duration, optional uid, one payloadFloat each. */
export function decodeSignalIntervals(intervals: Node): Interval[] {
  return intervals.children('ei:interval').map((interval) => {
    const payload = interval.children('ei:signalPayload')[0];
    const result: Interval = {
      duration: interval.optDurationProp() ?? 0,
      payload: payload ? payload.child('ei:payloadFloat').number('ei:value') : 0,
    };
    if (interval.has('xcal:uid')) result.uid = interval.child('xcal:uid').text('xcal:text');
    return result;
  });
}

export function decodeOptType(node: Node, key = 'ei:optType'): OptType {
  return node.text(key).trim() as OptType;
}
