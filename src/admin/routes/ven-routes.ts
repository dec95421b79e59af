// VENs: list with online state, detail, registration, cancel registration, request re-registration.
import type { FastifyInstance } from 'fastify';
import type { VenRecord } from '../../store/records.js';
import type { AdminDeps } from '../admin-deps.js';
import { AdminHttpError } from '../admin-errors.js';
import { errorResponses, openObject, queuedReply, venIdParams } from '../schemas/common.js';
import { nextLink, venListQuery, venPage, type VenListQuery } from './ven-list.js';
import { pushView } from './push-routes.js';

const venSummary = {
  type: 'object',
  additionalProperties: true,
  properties: {
    venId: { type: 'string' }, venName: { type: 'string' }, registrationId: { type: 'string' },
    online: { type: 'boolean', description: 'Last message within 3 poll periods.' },
    lastSeen: { type: 'string', description: 'ISO time of the last OpenADR message, as stored (written at most once per two poll periods).' },
    pollFreqMs: { type: 'integer', description: 'Poll period granted to this VEN; absent when it polls at the VTN default.' },
    pollPeriodMs: { type: 'integer', description: 'The poll period in use: pollFreqMs, else the VTN default.' },
    registeredAt: { type: 'string' },
  },
} as const;

export function registerVenRoutes(app: FastifyInstance, deps: AdminDeps): void {
  const { vtn, presence } = deps;
  const summary = async (ven: VenRecord) => ({ ...ven, ...(await presence.of(ven)), pollPeriodMs: ven.pollFreqMs ?? vtn.ctx.settings.pollFreqMs });
  const mustGet = async (venId: string): Promise<VenRecord> => {
    const ven = await vtn.getVen(venId);
    if (!ven) {
      const [retired] = await vtn.listRetiredVens({ venId });
      throw new AdminHttpError(404, 'E_NOT_FOUND', retired
        ? `VEN ${venId} is no longer registered: retired at ${retired.retiredAt} (retiredBy ${retired.retiredBy}); see GET /admin/v1/retired-vens?venId=${venId}`
        : `no registered VEN with venId ${venId}`);
    }
    return ven;
  };

  app.get('/vens', {
    schema: {
      tags: ['vens'], summary: 'Registered VENs with online/offline state, in venId order, optionally searched by venName/venId (q); a Link header (rel="next") when the page is full',
      querystring: venListQuery,
      response: { 200: { type: 'array', items: venSummary }, ...errorResponses },
    },
  }, async (req, reply) => {
    const q = req.query as VenListQuery;
    const { vens, next } = await venPage(vtn, presence, q);
    if (next !== undefined) reply.header('link', nextLink(req.url.split('?')[0]!, q, next));
    return vens;
  });

  app.get('/vens/:venId', {
    schema: {
      tags: ['vens'], summary: 'One VEN: registration, presence, its events with opt state, report subscriptions and offers',
      params: venIdParams,
      response: {
        200: {
          type: 'object',
          properties: {
            ven: venSummary,
            events: { type: 'array', items: { type: 'object', properties: { eventId: { type: 'string' }, status: { type: 'string' }, opt: openObject } } },
            subscriptions: { type: 'array', items: openObject },
            offers: { type: 'array', items: openObject },
            push: pushView,
            cancellation: { ...openObject, description: 'A VTN-initiated cancellation in progress: requestedAt, retireAt (retired then, confirmed or not), sends, lastSentAt.' },
          },
        },
        ...errorResponses,
      },
    },
  }, async (req) => {
    const ven = await mustGet((req.params as { venId: string }).venId);
    const events = (await vtn.listEvents({ venId: ven.venId })).map((v) => ({
      eventId: v.event.eventId, status: v.status, opt: v.vens.find((o) => o.venId === ven.venId) ?? {},
    }));
    const [ownSummary, subscriptions, offers, push, cancellation] = await Promise.all([
      summary(ven), vtn.listReportSubscriptions(ven.venId), vtn.reportOffers(ven.venId), vtn.push.status(ven.venId), vtn.cancellation(ven.venId),
    ]);
    return { ven: ownSummary, events, subscriptions, offers, push, ...(cancellation ? { cancellation } : {}) };
  });

  app.get('/vens/:venId/registration', {
    schema: { tags: ['vens'], summary: 'The stored registration record', params: venIdParams, response: { 200: venSummary, ...errorResponses } },
  }, async (req) => mustGet((req.params as { venId: string }).venId));

  app.delete('/vens/:venId/registration', {
    schema: {
      tags: ['vens'], summary: 'Cancel the registration: oadrCancelPartyRegistration on every poll until the VEN confirms; retired at retireAt (fieldVens.cancelGrace) in any case',
      params: venIdParams, response: { 202: { ...queuedReply, properties: { ...queuedReply.properties, retireAt: { type: 'string' } } }, ...errorResponses },
    },
  }, async (req, reply) => {
    const { venId } = req.params as { venId: string };
    const { retireAt } = await vtn.cancelRegistration(venId);
    return reply.code(202).send({ venId, queued: 'oadrCancelPartyRegistration', ...(retireAt ? { retireAt } : {}) });
  });

  app.post('/vens/:venId/reregister', {
    schema: {
      tags: ['vens'], summary: 'Ask the VEN to register again (oadrRequestReregistration on its next poll)',
      params: venIdParams, response: { 202: queuedReply, ...errorResponses },
    },
  }, async (req, reply) => {
    const { venId } = req.params as { venId: string };
    await vtn.requestReregistration(venId);
    return reply.code(202).send({ venId, queued: 'oadrRequestReregistration' });
  });
}
