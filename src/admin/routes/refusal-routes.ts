// Refused registrations per venName (else venID) and certificate fingerprint, from the store's bounded table:
// who keeps knocking, how often, since when and why they were refused — the same on every instance.
import type { FastifyInstance } from 'fastify';
import type { AdminDeps } from '../admin-deps.js';
import { errorResponses } from '../schemas/common.js';
import { readRefusalTotals, REFUSALS, type RefusalRecord } from '../../vtn/refusal-records.js';

export const REFUSAL_PAGE_MAX = 1000;

const refusalEntry = {
  type: 'object',
  properties: {
    name: { type: 'string', description: 'venName, else venID, else "(unnamed VEN)"; cut to 64 characters with its length noted.' },
    venId: { type: 'string', description: 'The venID the registration named, if any.' },
    fingerprint: { type: 'string', description: 'The certificate fingerprint it came with (TLS client or XML signature), if any.' },
    count: { type: 'integer', description: 'Refusals of this name and fingerprint, across instances.' },
    firstSeen: { type: 'string', description: 'First refused attempt (ISO 8601, UTC).' },
    lastSeen: { type: 'string', description: 'Last refused attempt (ISO 8601, UTC).' },
    lastCode: { type: 'integer', description: 'OpenADR response code of the last refusal.' }, lastReason: { type: 'string' },
  },
} as const;

const refusalTable = {
  type: 'object',
  properties: {
    total: { type: 'integer', description: 'Refused registrations recorded in this state (every instance, across restarts).' },
    names: { type: 'integer', description: 'Records in the table.' },
    maxNames: { type: 'integer', description: 'limits.refusedNames: the least recently refused record is evicted beyond it.' },
    evicted: { type: 'integer', description: 'Records evicted so far (their refusals stay in total).' },
    byCode: { type: 'object', additionalProperties: { type: 'integer' }, description: 'Refusals per OpenADR code.' },
    matched: { type: 'integer', description: 'Records matching q and code (all pages).' },
    offset: { type: 'integer' },
    limit: { type: 'integer' },
    refusals: { type: 'array', items: refusalEntry, description: 'This page of the matching records, most recently refused first.' },
  },
} as const;

const refusalQuery = {
  type: 'object',
  additionalProperties: false,
  properties: {
    limit: { type: 'integer', minimum: 1, maximum: REFUSAL_PAGE_MAX, default: 100, description: 'Records per page.' },
    offset: { type: 'integer', minimum: 0, default: 0, description: 'Records to skip (most recent first): the next page is offset + limit.' },
    q: { type: 'string', minLength: 1, maxLength: 256, description: 'Only records whose name, venID or fingerprint contains this (case-insensitive).' },
    code: { type: 'integer', description: 'Only records whose last refusal had this OpenADR code.' },
  },
} as const;

interface RefusalQuery { limit: number; offset: number; q?: string; code?: number }

const matches = (q: RefusalQuery) => {
  const needle = q.q?.toLowerCase();
  return (r: RefusalRecord): boolean => (q.code === undefined || r.lastCode === q.code)
    && (needle === undefined || [r.name, r.venId, r.fingerprint].some((s) => s?.toLowerCase().includes(needle)));
};

export function registerRefusalRoutes(app: FastifyInstance, deps: AdminDeps): void {
  app.get('/refusals', {
    schema: {
      tags: ['vens'], summary: 'Refused registrations per venName and certificate fingerprint (bounded table in the store), most recent first, with paging and search',
      querystring: refusalQuery,
      response: { 200: refusalTable, ...errorResponses },
    },
  }, async (req) => {
    const q = req.query as RefusalQuery;
    const book = deps.vtn.ctx.refusals;
    // What this instance gathered since its last write is written first, so the answer includes it.
    await book.flush();
    const { totals, rows } = await deps.vtn.store.unit(async (u) => ({
      totals: await readRefusalTotals(u), rows: await u.collection<RefusalRecord>(REFUSALS).range('lastSeen', {}),
    }), { label: 'admin refusal read' });
    const matching = rows.reverse().filter(matches(q));
    return {
      total: totals.total, names: rows.length, maxNames: book.maxNames, evicted: totals.evicted, byCode: totals.byCode,
      matched: matching.length, offset: q.offset, limit: q.limit, refusals: matching.slice(q.offset, q.offset + q.limit),
    };
  });
}
