// The targets BL granted each VEN client (objects/event-targets.ts), read once per client per fan-out — or, for a
// fan-out to many VEN clients, all at once in a few paged reads (per-client reads were 2+ queries each on PostgreSQL).
import type { Store } from '../../store/store.js';
import { pages } from '../../store/store-pages.js';
import { OA3 } from '../objects/oa3-collections.js';
import { grantedTargets } from '../objects/target-grants.js';

export type GrantedTargets = (clientID: string) => Promise<ReadonlySet<string>>;

/** VEN-client subscribers beyond which one fan-out reads every grant at once rather than client by client. */
export const BULK_GRANTS_FROM = 50;
const NONE: ReadonlySet<string> = new Set();

interface VenObject { id: string; clientID?: string; targets?: string[] | null }
interface ResourceObject { venID: string; targets?: string[] | null }

/** A lookup that reads each client's grants once (pass a fresh one per change); `clients`: how many it will be asked for. */
export function grantedTargetsOnce(store: Store, clients = 0): GrantedTargets {
  if (clients >= BULK_GRANTS_FROM) {
    let all: Promise<Map<string, Set<string>>> | undefined;
    return async (clientID) => (await (all ??= everyGrant(store))).get(clientID) ?? NONE;
  }
  const seen = new Map<string, Promise<ReadonlySet<string>>>();
  return (clientID) => {
    let found = seen.get(clientID);
    if (!found) seen.set(clientID, (found = store.unit((u) => grantedTargets(u, clientID), { label: 'oa3 granted targets' })));
    return found;
  };
}

/** clientID → targets on its ven objects and their resources, as grantedTargets() gives them one client at a time. */
export async function everyGrant(store: Store): Promise<Map<string, Set<string>>> {
  const byClient = new Map<string, Set<string>>();
  const clientOfVen = new Map<string, Set<string>>();
  for await (const page of pages(store, (u) => u.collection<VenObject>(OA3.vens))) {
    for (const { value: ven } of page) {
      if (!ven.clientID) continue;
      let granted = byClient.get(ven.clientID);
      if (!granted) byClient.set(ven.clientID, (granted = new Set()));
      for (const t of ven.targets ?? []) granted.add(t);
      clientOfVen.set(ven.id, granted);
    }
  }
  for await (const page of pages(store, (u) => u.collection<ResourceObject>(OA3.resources))) {
    for (const { value: resource } of page) {
      const granted = clientOfVen.get(resource.venID);
      if (granted) for (const t of resource.targets ?? []) granted.add(t);
    }
  }
  return byClient;
}
