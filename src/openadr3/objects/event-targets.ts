// Targeting and target hiding for programs and events (Definition.md §Object Privacy), for BL and VEN readers.
import type { Unit } from '../../store/store.js';
import { isBusinessLogic, type Principal } from '../auth/scopes.js';
import { OA3 } from './oa3-collections.js';

/** How one request may see targeted objects: BL sees all; a VEN sees through its granted ∩ requested targets. */
export interface TargetView {
  /** Targets the request asked for (the `targets` query parameter); empty = no filter. */
  requested: ReadonlySet<string>;
  /** For a VEN: requested ∩ granted, the only targets it may match and see. Undefined for BL. */
  effective?: ReadonlySet<string>;
}

/** Targets granted to a VEN client: those BL wrote on its ven objects (found by clientID) and their resources. */
export async function grantedTargets(u: Unit, clientID: string): Promise<Set<string>> {
  const granted = new Set<string>();
  const vens = await u.collection<{ id: string; targets?: string[] | null }>(OA3.vens).find('clientID', clientID);
  for (const ven of vens) {
    for (const t of ven.targets ?? []) granted.add(t);
    const resources = await u.collection<{ targets?: string[] | null }>(OA3.resources).find('venID', ven.id);
    for (const r of resources) for (const t of r.targets ?? []) granted.add(t);
  }
  return granted;
}

export async function targetView(u: Unit, principal: Principal, requested: readonly string[]): Promise<TargetView> {
  const asked = new Set(requested);
  if (isBusinessLogic(principal)) return { requested: asked };
  // No ven object, or nothing requested that it was granted: only untargeted objects stay visible.
  const granted = asked.size > 0 ? await grantedTargets(u, principal.clientID) : new Set<string>();
  return { requested: asked, effective: new Set([...asked].filter((t) => granted.has(t))) };
}

/**
 * Whether the reader sees an object with these targets. An object without targets is for everyone (every
 * filter matches it); a targeted one must share a target with the request (for a VEN: with requested ∩ granted).
 */
export function visibleTo(view: TargetView, targets: readonly string[] | null | undefined): boolean {
  if (!targets || targets.length === 0) return true;
  const match = view.effective ?? (view.requested.size > 0 ? view.requested : undefined);
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
