// Which subscriptions hear of a change, and what each is sent (§Subscriptions, §Object Privacy): the object type
// and operation, the subscription's program, its targets, and what its client may read — a VEN client hears of
// its own ven/resource/report/subscription objects, and of programs and events whose targets it was granted
// and subscribed with (the notification then carries only those targets: target hiding).
import { visibleTo, withShownTargets } from '../objects/event-targets.js';
import type { Subscription } from '../objects/subscription-records.js';
import type { Oadr3Change } from './change-feed.js';
import type { GrantedTargets } from './granted-targets.js';

export interface Callback {
  url: string;
  bearerToken?: string;
}

const TARGETED = new Set(['PROGRAM', 'EVENT']);

/** The callbacks of `sub` that ask for this object type and operation (one per URL and token). */
export function callbacksFor(sub: Subscription, change: Oadr3Change): Callback[] {
  const seen = new Map<string, Callback>();
  for (const op of sub.objectOperations) {
    if (!op.objects.includes(change.objectType) || !op.operations.includes(change.operation)) continue;
    const cb: Callback = { url: op.callbackUrl, ...(op.bearerToken ? { bearerToken: op.bearerToken } : {}) };
    seen.set(`${cb.url}\u0000${cb.bearerToken ?? ''}`, cb);
  }
  return [...seen.values()];
}

/** The program an object belongs to: a program's own id, else its programID (ven and resource objects have none). */
function programOf(change: Oadr3Change): string | undefined {
  const o = change.object;
  const id = change.objectType === 'PROGRAM' ? o.id : o.programID;
  return typeof id === 'string' ? id : undefined;
}

const targetsOf = (o: Record<string, unknown>): string[] => (Array.isArray(o.targets) ? o.targets.filter((t): t is string => typeof t === 'string') : []);

/**
 * The object as this subscriber may see it, or undefined when it may not hear of it: the subscription's targets
 * act as a reader's `targets` query (objects without targets address everyone and pass).
 */
export async function objectFor(sub: Subscription, isBl: boolean, change: Oadr3Change, granted: GrantedTargets): Promise<Record<string, unknown> | undefined> {
  const program = programOf(change);
  if (sub.programID !== undefined && program !== undefined && program !== sub.programID) return undefined;
  const o = change.object;
  const requested = new Set(sub.targets ?? []);
  const objectTargets = targetsOf(o);
  if (isBl) return visibleTo({ requested }, objectTargets) ? o : undefined;
  if (!TARGETED.has(change.objectType)) return o.clientID === sub.clientID ? o : undefined;
  if (objectTargets.length === 0) return o;
  const grants = await granted(sub.clientID);
  const view = { requested, effective: new Set([...requested].filter((t) => grants.has(t))) };
  return visibleTo(view, objectTargets) ? withShownTargets(view, o as { targets?: string[] }) : undefined;
}
