// /subscriptions: search, create, read, update, delete (§Subscriptions); a VEN client sees and changes its own only.
import type { Principal } from '../auth/scopes.js';
import { isBusinessLogic } from '../auth/scopes.js';
import type { Oadr3Handlers, Oadr3Services } from '../http/handler-types.js';
import { badRequest, conflict, notFound } from '../http/problem.js';
import type { Oadr3ChangeOperation } from '../notify/change-feed.js';
import { callbackRulesOf, checkCallbackUrl } from '../notify/callback-url.js';
import { echoProblem } from '../notify/echo-challenge.js';
import { newMetadata, updated, withoutMetadata } from '../objects/object-metadata.js';
import { listParam, pageOf } from '../objects/paging.js';
import {
  canSee, subscriptionsOf, visibleSubscriptions, type Subscription, type SubscriptionRequest,
} from '../objects/subscription-records.js';

const OBJECT_TYPES = new Set(['PROGRAM', 'EVENT', 'REPORT', 'SUBSCRIPTION', 'VEN', 'RESOURCE']);
const OBJECT_ID = /^[a-zA-Z0-9_-]{1,128}$/;

function one(value: string | string[] | undefined, name: string): string | undefined {
  const v = Array.isArray(value) ? value[0] : value;
  if (v !== undefined && (v.length === 0 || v.length > 128)) throw badRequest(`${name} must be 1–128 characters`);
  return v;
}

function subscriptionId(params: Record<string, string>): string {
  const id = params.subscriptionID ?? '';
  if (!OBJECT_ID.test(id)) throw badRequest('subscriptionID must be 1–128 letters, digits, "_" or "-"');
  return id;
}

/** Every callback URL allowed by the rules and, unless switched off, answering the echo challenge. */
async function checkCallbacks(services: Oadr3Services, body: SubscriptionRequest, known: ReadonlySet<string> = new Set()): Promise<void> {
  const rules = callbackRulesOf(services.vtn.ctx.settings.push.rules, services.settings.callbackAllow);
  const urls = [...new Set(body.objectOperations.map((op) => op.callbackUrl))];
  for (const text of urls) {
    const checked = checkCallbackUrl(text, rules);
    if (!checked.ok) throw badRequest(checked.reason);
    // A URL the subscription already had was verified when it was added.
    if (!services.settings.webhooks.verifyCallbacks || known.has(text)) continue;
    const problem = await echoProblem(checked, services.settings.webhooks);
    if (problem) throw badRequest(problem);
  }
}

async function mustSee(services: Oadr3Services, principal: Principal, id: string): Promise<Subscription> {
  const found = await services.vtn.store.unit((u) => subscriptionsOf(u).get(id), { label: 'oa3 subscription' });
  if (!found || !canSee(principal, found)) throw notFound('subscription', id);
  return found;
}

function published(services: Oadr3Services, operation: Oadr3ChangeOperation, sub: Subscription): void {
  services.changes.publish({ objectType: 'SUBSCRIPTION', operation, object: sub as unknown as Record<string, unknown> });
}

export const subscriptionHandlers: Oadr3Handlers = {
  async searchSubscriptions(services, { principal, query }) {
    const objects = listParam(query.objects).flatMap((o) => o.split(','));
    const bad = objects.find((o) => !OBJECT_TYPES.has(o));
    if (bad !== undefined) throw badRequest(`objects must be among ${[...OBJECT_TYPES].join(', ')}, got "${bad.slice(0, 32)}"`);
    const page = pageOf(query);
    const programID = one(query.programID, 'programID');
    const clientName = one(query.clientName, 'clientName');
    const found = await services.vtn.store.unit((u) => visibleSubscriptions(u, principal, {
      ...(programID !== undefined ? { programID } : {}), ...(clientName !== undefined ? { clientName } : {}), objects,
    }), { label: 'oa3 searchSubscriptions' });
    return { status: 200, body: found.slice(page.skip, page.skip + page.limit) };
  },

  async createSubscription(services, { principal, body }) {
    const request = withoutMetadata(body as SubscriptionRequest & { clientID?: string });
    delete request.clientID;
    await checkCallbacks(services, request);
    const max = services.settings.webhooks.maxPerVenClient;
    const created = await services.vtn.store.unit(async (u) => {
      const repo = subscriptionsOf(u);
      if (!isBusinessLogic(principal) && (await repo.find('clientID', principal.clientID, { limit: max })).length >= max) {
        throw conflict(`this VEN client has ${max} subscriptions already (openadr3.webhooks.maxPerVenClient): change or delete one`);
      }
      // The VTN writes the owner from the token (§VEN created object privacy), whatever the body says.
      const sub: Subscription = { ...request, ...newMetadata('SUBSCRIPTION', services.now()), clientID: principal.clientID };
      repo.create(sub.id, sub);
      return sub;
    }, { label: 'oa3 createSubscription' });
    published(services, 'CREATE', created);
    return { status: 201, body: created };
  },

  async searchSubscriptionByID(services, { principal, params }) {
    return { status: 200, body: await mustSee(services, principal, subscriptionId(params)) };
  },

  async updateSubscription(services, { principal, params, body }) {
    const id = subscriptionId(params);
    const before = await mustSee(services, principal, id);
    const request = withoutMetadata(body as SubscriptionRequest & { clientID?: string });
    delete request.clientID;
    await checkCallbacks(services, request, new Set(before.objectOperations.map((op) => op.callbackUrl)));
    const after = await services.vtn.store.unit(async (u) => {
      const repo = subscriptionsOf(u);
      const current = await repo.get(id);
      if (!current || !canSee(principal, current)) throw notFound('subscription', id);
      const next: Subscription = { ...updated(current, request, services.now()), clientID: current.clientID };
      repo.put(id, next);
      return next;
    }, { label: 'oa3 updateSubscription' });
    published(services, 'UPDATE', after);
    return { status: 200, body: after };
  },

  async deleteSubscription(services, { principal, params }) {
    const id = subscriptionId(params);
    const gone = await services.vtn.store.unit(async (u) => {
      const repo = subscriptionsOf(u);
      const current = await repo.get(id);
      if (!current || !canSee(principal, current)) throw notFound('subscription', id);
      repo.delete(id);
      return current;
    }, { label: 'oa3 deleteSubscription' });
    published(services, 'DELETE', gone);
    return { status: 200, body: gone };
  },
};
