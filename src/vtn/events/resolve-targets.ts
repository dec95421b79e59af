// Merges the target spellings an author may use into one Target, and derives the delivery audience.
import { VtnError } from '../../errors.js';
import type { Target } from '../../oadr/model.js';
import type { SingleTargetInput, TargetInput, TargetsByTypeInput } from './event-input.js';

type TargetKey = keyof Target;
const KEYS: readonly TargetKey[] = ['venIds', 'resourceIds', 'groupIds', 'groupNames', 'partyIds'];
const SINGLE: Record<TargetKey, keyof SingleTargetInput> = {
  venIds: 'venId', resourceIds: 'resourceId', groupIds: 'groupId', groupNames: 'groupName', partyIds: 'partyId',
};
const BY_TYPE: Record<TargetKey, [keyof TargetsByTypeInput, keyof TargetsByTypeInput]> = {
  venIds: ['venId', 'ven_id'], resourceIds: ['resourceId', 'resource_id'], groupIds: ['groupId', 'group_id'],
  groupNames: ['groupName', 'group_name'], partyIds: ['partyId', 'party_id'],
};

/** What an author gave as targets, in any of the accepted spellings. */
export interface TargetSources {
  target?: TargetInput;
  targets?: TargetInput[];
  targetsByType?: TargetsByTypeInput;
}

/** One Target with de-duplicated lists, or undefined when no source names anything. */
export function mergeTargets(src: TargetSources, field: string): Target | undefined {
  const lists: Record<TargetKey, string[]> = { venIds: [], resourceIds: [], groupIds: [], groupNames: [], partyIds: [] };
  if (src.targets !== undefined && !Array.isArray(src.targets)) {
    throw new VtnError('E_EVENT_TARGET', `${field}targets is not a list`, 'pass an array of targets');
  }
  const labelled: [TargetInput, string][] = (src.targets ?? []).map((t, i) => [t, `${field}targets[${i}]`]);
  if (src.target !== undefined) labelled.unshift([src.target, `${field}target`]);
  for (const [t, where] of labelled) {
    for (const key of KEYS) {
      add(lists[key], (t as Target)[key], `${where}.${key}`, true);
      add(lists[key], (t as SingleTargetInput)[SINGLE[key]], `${where}.${SINGLE[key]}`, false);
    }
  }
  for (const key of KEYS) {
    for (const name of BY_TYPE[key]) add(lists[key], src.targetsByType?.[name], `${field}targetsByType.${name}`, true);
  }
  const merged: Target = {};
  for (const key of KEYS) if (lists[key].length > 0) merged[key] = lists[key];
  return Object.keys(merged).length > 0 ? merged : undefined;
}

// The values already in each list being built: includes() per value made a 10,000-VEN audience 50 million comparisons.
const members = new WeakMap<string[], Set<string>>();

function add(into: string[], value: unknown, field: string, isList: boolean): void {
  if (value === undefined) return;
  const values = isList ? value : [value];
  if (!Array.isArray(values) || values.some((v) => typeof v !== 'string' || v === '')) {
    const expected = isList ? 'a list of non-empty strings' : 'a non-empty string';
    throw new VtnError('E_EVENT_TARGET', `${field} is ${JSON.stringify(value)}`, `it must be ${expected}`);
  }
  let seen = members.get(into);
  if (!seen) members.set(into, (seen = new Set(into)));
  for (const v of values as string[]) {
    if (seen.has(v)) continue;
    seen.add(v);
    into.push(v);
  }
}

/** The VENs an event goes to: venId ∪ venIds ∪ every venId named in the event or signal targets. */
export function audienceOf(venId: string | undefined, venIds: string[] | undefined, targets: (Target | undefined)[], allowNone = false): string[] {
  const out: string[] = [];
  add(out, venId, 'venId', false);
  add(out, venIds, 'venIds', true);
  for (const t of targets) add(out, t?.venIds, 'target.venIds', true);
  if (out.length === 0 && !allowNone) {
    throw new VtnError('E_EVENT_TARGET', 'the event names no VEN',
      'give venId, venIds, or a target with a venId; the event is delivered to those VENs');
  }
  return out;
}
