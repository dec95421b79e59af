// Adapts the rules layer's VEN and program catalogue to the admin API's group/program look-ups (typed by shape).
import { PAGE_SIZE } from '../store/store-pages.js';
import type { FleetCatalogueSource } from './status-sources.js';
import type { Vtn } from '../vtn/vtn.js';

export interface CatalogueLike {
  readonly vens: readonly { venName: string; venId?: string; groups?: string[]; programs?: string[] }[];
  readonly programs: readonly { name: string; marketContext: string }[];
}

/** Registered venIds of the entries: by venId with one getMany, by venName (entries without one) with a walk. */
async function registered(vtn: Vtn, entries: CatalogueLike['vens']): Promise<string[]> {
  const byId = entries.flatMap((e) => (e.venId !== undefined ? [e.venId] : []));
  const names = new Set(entries.filter((e) => e.venId === undefined).map((e) => e.venName));
  const found = await vtn.store.unit((u) => u.vens.getMany(byId), { label: 'catalogue members' });
  const out = byId.filter((id) => found.has(id));
  if (names.size === 0) return out;
  for (let after: string | undefined; ;) {
    const page = await vtn.listVens({ limit: PAGE_SIZE, ...(after !== undefined ? { after } : {}) });
    for (const v of page) if (v.venName !== undefined && names.has(v.venName) && !found.has(v.venId)) out.push(v.venId);
    if (page.length < PAGE_SIZE) return [...new Set(out)];
    after = page[page.length - 1]!.venId;
  }
}

export function catalogueSource(catalogue: () => CatalogueLike, vtn: Vtn): FleetCatalogueSource {
  return {
    groups: () => [...new Set(catalogue().vens.flatMap((e) => e.groups ?? []))].sort(),
    programs: () => catalogue().programs.map((p) => ({ name: p.name, marketContext: p.marketContext })),
    async members(kind, name) {
      const c = catalogue();
      const known = kind === 'group' ? c.vens.some((e) => e.groups?.includes(name)) : c.programs.some((p) => p.name === name);
      if (!known) return undefined;
      return registered(vtn, c.vens.filter((e) => (kind === 'group' ? e.groups : e.programs)?.includes(name)));
    },
  };
}
