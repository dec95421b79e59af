// Targeting and target hiding for programs and events (Definition.md §Object Privacy), for BL and VEN readers.
import { isBusinessLogic, type Principal } from '../auth/scopes.js';

/** How one request may see targeted objects: BL sees all; a VEN sees through its granted ∩ requested targets. */
export interface TargetView {
  /** Targets the request asked for (the `targets` query parameter); empty = no filter. */
  requested: ReadonlySet<string>;
  /** For a VEN: requested ∩ granted, the only targets it may match and see. Undefined for BL. */
  effective?: ReadonlySet<string>;
}

/** The targets BL granted a VEN client (target-grants.ts). */
export type GrantsOf = (clientID: string) => Promise<ReadonlySet<string>>;

export async function targetView(principal: Principal, requested: readonly string[], grantsOf: GrantsOf): Promise<TargetView> {
  const asked = new Set(requested);
  if (isBusinessLogic(principal)) return { requested: asked };
  // No ven object, or nothing requested that it was granted: only untargeted objects stay visible.
  const granted = asked.size > 0 ? await grantsOf(principal.clientID) : new Set<string>();
  return { requested: asked, effective: new Set([...asked].filter((t) => granted.has(t))) };
}

/** The targets a targeted object must share to be seen; undefined when every object is seen (no filter). */
export function matchingTargets(view: TargetView): ReadonlySet<string> | undefined {
  return view.effective ?? (view.requested.size > 0 ? view.requested : undefined);
}

/**
 * Whether the reader sees an object with these targets. An object without targets is for everyone (every
 * filter matches it); a targeted one must share a target with the request (for a VEN: with requested ∩ granted).
 */
export function visibleTo(view: TargetView, targets: readonly string[] | null | undefined): boolean {
  if (!targets || targets.length === 0) return true;
  const match = matchingTargets(view);
  if (!match) return true;
  return targets.some((t) => match.has(t));
}

/** Target hiding: a VEN is shown only the object's targets it requested and was granted; BL sees them all. */
export function shownTargets(view: TargetView, targets: readonly string[] | null | undefined): string[] | undefined {
  if (!targets || targets.length === 0) return undefined;
  if (!view.effective) return [...targets];
  return targets.filter((t) => view.effective!.has(t));
}

/** The object with its targets hidden for this reader (no `targets` property when none remain). */
export function withShownTargets<T extends { targets?: string[] | null }>(view: TargetView, object: T): T {
  const { targets, ...rest } = object;
  const shown = shownTargets(view, targets);
  return (shown && shown.length > 0 ? { ...rest, targets: shown } : rest) as T;
}
