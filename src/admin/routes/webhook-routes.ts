// OpenADR 3.1 subscriptions for the operator: webhook delivery per subscription (last success and failure,
// failures in a row, waiting notifications) and summed up, so a receiver that stopped answering is found.
// The figures are the answering instance's (delivery state is kept in memory per process), and say so.
import type { FastifyInstance } from 'fastify';
import type { AdminDeps } from '../admin-deps.js';
import { notInstalled } from '../admin-errors.js';
import { errorReply } from '../schemas/common.js';

const count = (description: string) => ({ type: 'integer', description }) as const;

const delivery = {
  type: 'object',
  properties: {
    subscriptionID: { type: 'string' }, clientID: { type: 'string' }, clientName: { type: 'string' },
    callbackUrls: { type: 'array', items: { type: 'string' } },
    lastSuccessAt: { type: 'string' }, lastFailureAt: { type: 'string' },
    lastError: { type: 'string', description: 'HTTP status and text, a transport error, or why the URL was refused.' },
    consecutiveFailures: count('Callback requests in a row that did not succeed.'),
    delivered: count('Notifications that arrived.'), failed: count('Notifications given up after every retry.'),
    refused: count('Notifications the receiver answered with a 4xx (not retried).'),
    dropped: count('Notifications dropped because the queue of this subscription (or of all) was full.'),
    queued: count('Notifications waiting for this subscription on this instance.'), inFlight: { type: 'boolean' },
  },
} as const;

const answer = {
  type: 'object',
  properties: {
    summary: {
      type: 'object',
      description: 'Delivery state is kept per VTN process: with several instances on one PostgreSQL each answers for the notifications it sends.',
      properties: {
        scope: { type: 'string', enum: ['instance'], description: 'The figures here and per subscription are this instance\'s, not the database\'s.' },
        instance: { type: 'string', description: 'hostname:pid of the instance answering.' },
        since: { type: 'string', description: 'When its counts started.' },
        subscriptions: count('Subscriptions in the store.'), queued: count('Notifications waiting on this instance.'),
        inFlight: count('Callback requests in flight.'), pendingChanges: count('Changes not matched to subscriptions yet.'),
        outboxWaiting: count('Changes kept in the store until all their notifications settled (every instance\'s); a change whose instance died is sent again by another after its lease.'),
        outboxHeld: count('Of those, the ones this instance is sending.'),
        delivered: count('Since start.'), failed: count('Since start.'), refused: count('Since start.'), dropped: count('Since start.'),
        failing: count('Subscriptions whose last callback request failed.'),
      },
    },
    subscriptions: { type: 'array', items: delivery },
  },
} as const;

/** `after` an id, `limit` 1–1,000 (default 100): the OpenADR 3.1 admin lists page alike. */
export const oa3PageQuery = {
  type: 'object', additionalProperties: false,
  properties: { after: { type: 'string', maxLength: 128 }, limit: { type: 'integer', minimum: 1, maximum: 1000, default: 100 } },
} as const;

export function registerWebhookRoutes(app: FastifyInstance, deps: AdminDeps): void {
  app.get('/openadr3/subscriptions', {
    schema: {
      tags: ['openadr3'], summary: 'OpenADR 3.1 webhook deliveries per subscription (id order, `after` and `limit` page) and their summary',
      querystring: oa3PageQuery, response: { 200: answer, 400: errorReply, 401: errorReply, 503: errorReply },
    },
  }, async (req) => {
    const webhooks = deps.sources.webhooks ?? (() => { throw notInstalled('The OpenADR 3.1 API'); })();
    const { after, limit } = req.query as { after?: string; limit: number };
    return { summary: await webhooks.summary(), subscriptions: await webhooks.deliveries({ ...(after !== undefined ? { after } : {}), limit }) };
  });
}
