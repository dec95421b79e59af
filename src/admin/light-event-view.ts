// The events list for large audiences: no per-VEN states and no VEN id lists, only their counts.
import type { EventView } from '../index.js';

type Target = { venIds?: string[] } & Record<string, unknown>;

/** `venIds` becomes `venCount`, a target's `venIds` becomes `venIdCount`; everything else is the stored record. */
export function lightEventView(view: EventView): Record<string, unknown> {
  const { venIds, target, ...event } = view.event as typeof view.event & { target?: Target };
  const light: Record<string, unknown> = { ...event, venCount: venIds.length };
  if (target) {
    const { venIds: targetVens, ...rest } = target;
    light.target = targetVens ? { ...rest, venIdCount: targetVens.length } : rest;
  }
  return { status: view.status, event: light, vens: [] };
}
