// Decisions: the newest stored decisions and one decision's explain trace by id.
import type { FastifyInstance } from 'fastify';
import type { AdminDeps } from '../admin-deps.js';
import { AdminHttpError } from '../admin-errors.js';
import { pages } from '../../store/store-pages.js';
import { errorResponses } from '../schemas/common.js';
import { decisionList, decisionListQuery, decisionParams, decisionRecord } from '../schemas/policy-schemas.js';

/** The rules layer owns the records; this name is the one it writes to. */
export const DECISIONS_COLLECTION = 'decisions';

const asObject = (rec: unknown): Record<string, unknown> => (typeof rec === 'object' && rec !== null ? rec as Record<string, unknown> : { value: rec });

export function registerDecisionRoutes(app: FastifyInstance, deps: AdminDeps): void {
  const { store } = deps.vtn;

  app.get('/decisions', {
    schema: { tags: ['decisions'], summary: 'The newest stored decisions, newest first', querystring: decisionListQuery, response: { 200: decisionList, ...errorResponses } },
  }, async (req) => {
    const { limit } = req.query as { limit: number };
    // Decision ids sort by time and the rules layer keeps a bounded number: the newest are the last pages' tail.
    let newest: { key: string; value: unknown }[] = [];
    for await (const page of pages(store, (u) => u.collection<unknown>(DECISIONS_COLLECTION))) newest = [...newest, ...page].slice(-limit);
    return newest.reverse().map(({ key, value }) => ({ ...asObject(value), id: key }));
  });

  app.get('/decisions/:id', {
    schema: { tags: ['decisions'], summary: 'One decision with its trace: rules fired, each condition with its fact value and result', params: decisionParams, response: { 200: decisionRecord, ...errorResponses } },
  }, async (req) => {
    const { id } = req.params as { id: string };
    const rec = await store.unit((u) => u.collection<unknown>(DECISIONS_COLLECTION).get(id), { label: 'admin decision read' });
    if (rec === undefined) throw new AdminHttpError(404, 'E_NOT_FOUND', `no decision with id ${id} (decisions are kept for a bounded number; older ones are gone)`);
    return { ...asObject(rec), id };
  });
}
