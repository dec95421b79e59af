// The targets BL granted each VEN client (objects/event-targets.ts), read once per client per fan-out.
import type { Store } from '../../store/store.js';
import { grantedTargets } from '../objects/target-grants.js';

export type GrantedTargets = (clientID: string) => Promise<ReadonlySet<string>>;

/** A lookup that reads each client's grants once (pass a fresh one per change). */
export function grantedTargetsOnce(store: Store): GrantedTargets {
  const seen = new Map<string, Promise<ReadonlySet<string>>>();
  return (clientID) => {
    let found = seen.get(clientID);
    if (!found) seen.set(clientID, (found = store.unit((u) => grantedTargets(u, clientID), { label: 'oa3 granted targets' })));
    return found;
  };
}
