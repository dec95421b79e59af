// Stored subscriptions (collection oa3Subscriptions) and who may see them: a VEN client its own, BL every one (§Object Privacy).
import type { Repository, Unit } from '../../store/store.js';
import type { Principal } from '../auth/scopes.js';
import { isBusinessLogic } from '../auth/scopes.js';
import { OA3, type ObjectMetadata } from './oa3-collections.js';

export interface ObjectOperation {
  objects: ObjectMetadata['objectType'][];
  operations: ('READ' | 'CREATE' | 'UPDATE' | 'DELETE')[];
  callbackUrl: string;
  bearerToken?: string | null;
}

export interface SubscriptionRequest {
  clientName: string;
  programID?: string;
  objectOperations: ObjectOperation[];
  targets?: string[] | null;
}

/** The served representation: metadata, the request's fields and the owner's clientID. */
export type Subscription = ObjectMetadata & SubscriptionRequest & { clientID: string };

export const subscriptionsOf = (u: Unit): Repository<Subscription> => u.collection<Subscription>(OA3.subscriptions);

export const canSee = (principal: Principal, s: Subscription): boolean => isBusinessLogic(principal) || s.clientID === principal.clientID;

export interface SubscriptionFilter {
  programID?: string;
  clientName?: string;
  /** Subscriptions naming any of these object types. */
  objects: string[];
}

/** The subscriptions this principal may see that pass every filter, in id order. */
export async function visibleSubscriptions(u: Unit, principal: Principal, filter: SubscriptionFilter): Promise<Subscription[]> {
  const repo = subscriptionsOf(u);
  // The narrowest index first: a VEN's own, else the program's, else every subscription (BL).
  const candidates = !isBusinessLogic(principal)
    ? await repo.find('clientID', principal.clientID)
    : filter.programID !== undefined
      ? await repo.find('programID', filter.programID)
      : (await repo.list()).map((r) => r.value);
  return candidates.filter((s) => canSee(principal, s)
    && (filter.programID === undefined || s.programID === filter.programID)
    && (filter.clientName === undefined || s.clientName === filter.clientName)
    && (filter.objects.length === 0 || s.objectOperations.some((op) => op.objects.some((o) => filter.objects.includes(o)))));
}
