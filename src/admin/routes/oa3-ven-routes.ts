// OpenADR 3.1 ven objects for the operator: every VEN client's ven object (BL- or VEN-created) with its targets
// and how many resources it has, in id order — 2.0b registrations stay under /vens.
import type { FastifyInstance } from 'fastify';
import { OA3 } from '../../openadr3/objects/oa3-collections.js';
import type { ResourceObject, VenObject } from '../../openadr3/objects/ven-records.js';
import type { AdminDeps } from '../admin-deps.js';
import { errorReply } from '../schemas/common.js';
import { oa3PageQuery } from './webhook-routes.js';

const venObject = {
  type: 'object',
  properties: {
    id: { type: 'string', description: 'The venID 3.1 clients use.' }, venName: { type: 'string' },
    clientID: { type: 'string', description: 'The VEN client (config/clients.json) whose ven object it is.' },
    targets: { type: 'array', items: { type: 'string' }, description: 'Targets BL granted (what the VEN may read events and programs by).' },
    attributes: { type: 'array', items: { type: 'object', properties: { type: { type: 'string' }, values: { type: 'array', items: {} } } } },
    resources: { type: 'integer', description: 'Resource objects under this ven.' },
    createdDateTime: { type: 'string' }, modificationDateTime: { type: 'string' },
  },
} as const;

export function registerOa3VenRoutes(app: FastifyInstance, deps: AdminDeps): void {
  app.get('/openadr3/vens', {
    schema: {
      tags: ['openadr3'], summary: 'OpenADR 3.1 ven objects (id order, `after` and `limit` page) with their targets and resource counts',
      querystring: oa3PageQuery, response: { 200: { type: 'array', items: venObject }, 400: errorReply, 401: errorReply },
    },
  }, async (req) => {
    const { after, limit } = req.query as { after?: string; limit: number };
    return deps.vtn.store.unit(async (u) => {
      const rows = await u.collection<VenObject>(OA3.vens).list({ limit, ...(after !== undefined ? { after } : {}) });
      const resources = u.collection<ResourceObject>(OA3.resources);
      return Promise.all(rows.map(async ({ value: v }) => ({ ...v, resources: (await resources.find('venID', v.id)).length })));
    }, { label: 'admin openadr3 vens' });
  });
}
