// The targets BL granted a VEN client (on its ven objects and their resources), kept per client until a ven or
// resource is written on any instance: a VEN's read costs no store read for its grants.
import type { Store, Unit } from '../../store/store.js';
import { KeyedUntilChange } from './kept-until-change.js';
import { OA3 } from './oa3-collections.js';

/** Clients whose grants are kept at once; beyond, the longest kept is read again when next needed. */
const MAX_CLIENTS = 50_000;

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

export class GrantedTargetsCache {
  readonly #kept: KeyedUntilChange<ReadonlySet<string>>;

  constructor(store: Store) {
    this.#kept = new KeyedUntilChange(store, [OA3.vens, OA3.resources], MAX_CLIENTS, (s, clientID) => s.unit((u) => grantedTargets(u, clientID), { label: 'oa3 granted targets' }));
  }

  of(clientID: string): Promise<ReadonlySet<string>> {
    return this.#kept.get(clientID);
  }

  close(): void {
    this.#kept.close();
  }
}
