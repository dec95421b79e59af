// HTTP push for the operator: the fleet's push health, and resuming a VEN's pushes after refusals or failures.
import type { FastifyInstance } from 'fastify';
import type { AdminDeps } from '../admin-deps.js';
import { errorResponses, venIdParams } from '../schemas/common.js';

const counts = (description: string) => ({ type: 'integer', description }) as const;

export const pushView = {
  type: 'object',
  description: 'How messages reach this VEN: mode push (POSTed to transportAddress) or pull (it polls), and push health.',
  properties: {
    mode: { type: 'string', enum: ['push', 'pull'] },
    transportAddress: { type: 'string' },
    lastSuccessAt: { type: 'string' }, lastFailureAt: { type: 'string' },
    lastError: { type: 'string', description: 'HTTP status and text, a transport error, or why the target was refused.' },
    consecutiveFailures: counts('Pushes in a row that did not arrive.'),
    delivered: counts('Pushes that arrived.'), failed: counts('Pushes that did not (refused or retries exhausted).'),
    refused: { type: 'array', items: { type: 'string' }, description: 'Message kinds the VEN refused: they wait for its poll or a resume.' },
    suspended: { type: 'boolean', description: 'Retries ran out: no push until the VEN sends a message (or a resume).' },
    inFlight: { type: 'string', description: 'The kind being pushed right now.' },
    pending: counts('Queued messages waiting for the VEN (its event list is derived and not counted).'),
  },
} as const;

const summary = {
  type: 'object',
  properties: {
    enabled: { type: 'boolean' },
    pushVens: counts('Registered push VENs this instance knows.'),
    healthy: counts('Push VENs whose last push arrived.'), failing: counts('Last push did not arrive, not paused.'),
    suspended: counts('Paused until their next message.'), withRefusals: counts('VENs with refused kinds waiting for a poll.'),
    delivered: counts('Pushes that arrived, all VENs.'), failed: counts('Pushes that did not, all VENs.'),
    queued: counts('VENs waiting for a push slot on this instance.'), inFlight: counts('VENs being pushed to by this instance.'),
  },
} as const;

export function registerPushRoutes(app: FastifyInstance, deps: AdminDeps): void {
  app.get('/push', {
    schema: { tags: ['vens'], summary: 'HTTP push summary: push VENs by health, deliveries and failures, the backlog', response: { 200: summary, ...errorResponses } },
  }, () => deps.vtn.push.summary());

  app.post('/vens/:venId/push/resume', {
    schema: {
      tags: ['vens'], summary: 'Push to this VEN again: clears a pause and its refused kinds, which are pushed once more (audited)',
      params: venIdParams, response: { 200: pushView, ...errorResponses },
    },
  }, (req) => deps.vtn.push.resume((req.params as { venId: string }).venId));
}
