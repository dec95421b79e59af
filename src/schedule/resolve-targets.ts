// Turns a schedule's targets (VEN ids, groups, resources, programs) into the venIds an event is delivered to.
import type { TargetSpec } from './schedule-types.js';
import type { VenCatalogue } from './ven-catalogue.js';

export interface RegisteredVen {
  venId: string;
  venName?: string;
}

export interface ResolvedTargets {
  venIds: string[];
  resourceIds: string[];
  /** Catalogue VENs the targets name that have no venId yet (not registered): they are left out. */
  unregistered: string[];
  /** Human-readable description of each target, for previews and logs. */
  described: string[];
}

/** Resolves at fire time, so VENs registered since the schedule was loaded are included. */
export function resolveTargets(spec: TargetSpec, catalogue: VenCatalogue, registered: readonly RegisteredVen[]): ResolvedTargets {
  const venIds = new Set(spec.venIds ?? []);
  const unregistered = new Set<string>();
  const byName = new Map(registered.filter((v) => v.venName).map((v) => [v.venName!, v.venId]));
  const described = (spec.venIds ?? []).map((v) => `VEN ${v}`);
  const pick = (kind: string, names: string[] | undefined, member: (ven: VenCatalogueEntry) => string[]) => {
    for (const name of names ?? []) {
      const members = catalogue.vens.filter((v) => member(v).includes(name));
      described.push(`${kind} ${name}: ${members.map((m) => m.name).join(', ') || '(no VENs)'}`);
      for (const m of members) {
        const id = m.venId ?? byName.get(m.name);
        if (id) venIds.add(id);
        else unregistered.add(m.name);
      }
    }
  };
  pick('group', spec.groups, (v) => v.groups);
  pick('program', spec.programs, (v) => v.programs);
  pick('resource', spec.resources, (v) => v.resources);
  return { venIds: [...venIds], resourceIds: [...(spec.resources ?? [])], unregistered: [...unregistered], described };
}

type VenCatalogueEntry = VenCatalogue['vens'][number];
