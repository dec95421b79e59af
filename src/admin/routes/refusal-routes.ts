// Refused registrations per name (memory only, bounded): who keeps knocking, how often, and why they were refused.
import type { FastifyInstance } from 'fastify';
import type { AdminDeps } from '../admin-deps.js';
import { errorResponses } from '../schemas/common.js';

const refusalEntry = {
  type: 'object',
  properties: {
    name: { type: 'string', description: 'venName, else venID, else "(unnamed VEN)"; cut to 64 characters with its length noted.' },
    count: { type: 'integer' }, firstSeen: { type: 'string' }, lastSeen: { type: 'string' },
    lastCode: { type: 'integer', description: 'OpenADR response code of the last refusal.' }, lastReason: { type: 'string' },
  },
} as const;

const refusalTable = {
  type: 'object',
  properties: {
    total: { type: 'integer', description: 'Refused registrations since the VTN started.' },
    names: { type: 'integer', description: 'Names in the table.' },
    maxNames: { type: 'integer', description: 'limits.refusedNames: the least recently refused name is evicted beyond it.' },
    evicted: { type: 'integer', description: 'Names evicted so far (their refusals stay in total).' },
    byCode: { type: 'object', additionalProperties: { type: 'integer' }, description: 'Refusals per OpenADR code.' },
    refusals: { type: 'array', items: refusalEntry, description: 'Most recently refused first.' },
  },
} as const;

export function registerRefusalRoutes(app: FastifyInstance, deps: AdminDeps): void {
  app.get('/refusals', {
    schema: {
      tags: ['vens'], summary: 'Refused registrations counted per name (since start, bounded table)',
      querystring: { type: 'object', additionalProperties: false, properties: { limit: { type: 'integer', minimum: 1, maximum: 10_000, default: 100, description: 'The N most recently refused names.' } } },
      response: { 200: refusalTable, ...errorResponses },
    },
  }, async (req) => {
    const { limit } = req.query as { limit: number };
    const table = deps.vtn.ctx.refusals;
    return {
      total: table.total, names: table.names, maxNames: table.maxNames, evicted: table.evicted,
      byCode: Object.fromEntries(table.byCode()), refusals: table.list(limit),
    };
  });
}
