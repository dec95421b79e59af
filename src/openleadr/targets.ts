// OpenLEADR targets (ven_id, resource_id, …, one per Target; or grouped by type) as the typed API's targets.
import { VtnError, type Target } from '../index.js';
import type { TargetDict, TargetsByType } from './types.js';

const KEYS = { ven_id: 'venIds', resource_id: 'resourceIds', group_id: 'groupIds', group_name: 'groupNames', party_id: 'partyIds' } as const;
type SnakeKey = keyof typeof KEYS;
const SNAKE_KEYS = Object.keys(KEYS) as SnakeKey[];

function unsupported(key: string, where: string): VtnError {
  return new VtnError('E_EVENT_TARGET', `${where} names a target of type '${key}', which openadr-vtn/openleadr does not take.`,
    `Target types: ${SNAKE_KEYS.join(', ')}.`);
}

/** Targets (Target objects or dicts) and targets_by_type merged into one wire-model Target. */
export function toTarget(targets: readonly TargetDict[] | undefined, byType: TargetsByType | undefined, where: string): Target | undefined {
  const out: Record<string, string[]> = {};
  const add = (key: string, id: unknown, at: string) => {
    if (!Object.hasOwn(KEYS, key)) throw unsupported(key, at);
    if (typeof id !== 'string' || id === '') throw new VtnError('E_EVENT_TARGET', `${at}.${key} must be a non-empty string.`, 'IDs are strings.');
    const list = (out[KEYS[key as SnakeKey]] ??= []);
    if (!list.includes(id)) list.push(id);
  };
  if (targets !== undefined && !Array.isArray(targets)) throw new VtnError('E_EVENT_TARGET', `${where}targets must be a list of targets.`, 'Pass an array, or use target= for one.');
  (targets ?? []).forEach((t, i) => {
    for (const [key, id] of Object.entries(t ?? {})) if (id !== undefined && id !== null) add(key, id, `${where}targets[${i}]`);
  });
  for (const [key, ids] of Object.entries(byType ?? {})) {
    if (!Array.isArray(ids)) throw new VtnError('E_EVENT_TARGET', `${where}targets_by_type.${key} must be a list of IDs.`, "e.g. { resource_id: ['resource01'] }");
    for (const id of ids) add(key, id, `${where}targets_by_type`);
  }
  return Object.keys(out).length ? out as Target : undefined;
}

/** add_event's target= may be one Target or, as in the guide's first example, a list of them. */
export function targetList(target: TargetDict | readonly TargetDict[] | undefined, targets: readonly TargetDict[] | undefined): TargetDict[] | undefined {
  if (target === undefined && targets === undefined) return undefined;
  return [...(target === undefined ? [] : Array.isArray(target) ? target : [target as TargetDict]), ...(targets ?? [])];
}
