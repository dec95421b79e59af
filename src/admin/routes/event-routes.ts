// Events: list and filter, create inline or from a template, modify, cancel, per-VEN delivery and opt state.
import type { FastifyInstance } from 'fastify';
import type { AddEventOptions, ModifyEventOptions } from '../../vtn/events/index.js';
import type { AdminDeps } from '../admin-deps.js';
import { AdminHttpError, notInstalled } from '../admin-errors.js';
import { deliveriesOf, deliverySummary } from '../event-deliveries.js';
import { lightEventView } from '../light-event-view.js';
import { errorReply, errorResponses, eventIdParams } from '../schemas/common.js';
import {
  cancelEventBody, createEventBody, createdEventReply, deliverySummaryReply, deliveryView, eventListQuery, eventVensQuery, eventView, eventViewList,
  modifyEventBody, templateEventBody,
} from '../schemas/event-schemas.js';
import type { TemplateFillInput } from '../status-sources.js';
import { resolveEventVens } from '../event-body-vens.js';

export function registerEventRoutes(app: FastifyInstance, deps: AdminDeps): void {
  const { vtn } = deps;
  const view = async (eventId: string) => {
    const v = await vtn.getEvent(eventId);
    if (!v) throw new AdminHttpError(404, 'E_NOT_FOUND', `no event with eventId ${eventId}`);
    return v;
  };
  const created = async (eventId: string) => {
    const { event, status } = await view(eventId);
    return { eventId, venIds: event.venIds, status };
  };

  app.get('/events', {
    schema: { tags: ['events'], summary: 'Events, filtered by status, VEN and market context (program)', querystring: eventListQuery, response: { 200: eventViewList, ...errorResponses } },
  }, async (req) => {
    const query = req.query as { status?: string; venId?: string; marketContext?: string; withVens: boolean };
    const views = await vtn.listEvents(query);
    // The light list leaves the audience out too (10,000 ids an event); /events/{id}/vens pages through it.
    return query.withVens ? views : views.map(lightEventView);
  });

  app.post('/events', {
    schema: { tags: ['events'], summary: 'Create an event inline (body = vtn.addEvent options)', body: createEventBody, response: { 201: createdEventReply, ...errorResponses } },
  }, async (req, reply) => {
    const body = await resolveEventVens(vtn, req.body as AddEventOptions);
    const options = { ...body, origin: { source: 'admin', actor: req.actor ?? 'local' } };
    const handle = await vtn.addEvent(options);
    return reply.code(201).send(await created(handle.eventId));
  });

  app.post('/events/from-template', {
    schema: {
      tags: ['events'], summary: 'Create an event from a named template (config/templates.json)', body: templateEventBody,
      response: { 201: createdEventReply, ...errorResponses, 503: errorReply },
    },
  }, async (req, reply) => {
    const { templates } = deps.sources;
    if (!templates) throw notInstalled('The template catalogue');
    const body = req.body as Omit<TemplateFillInput, 'start'> & { template: string; start: string };
    const { template, start, ...rest } = body;
    // An unknown template is reported before the VENs are looked up.
    const fill = templates.names().includes(template) ? { ...rest, ...(await resolveEventVens(vtn, { venIds: rest.venIds })), start: new Date(start) } : undefined;
    const options = fill && templates.toEventOptions(template, fill);
    if (!options) throw new AdminHttpError(404, 'E_NOT_FOUND', `no template named ${template}; known: ${templates.names().join(', ') || 'none'}`);
    const handle = await vtn.addEvent({ ...options, origin: { ...options.origin, source: 'admin', actor: req.actor ?? 'local', template } });
    return reply.code(201).send(await created(handle.eventId));
  });

  app.get('/events/:eventId', {
    schema: { tags: ['events'], summary: 'One event with status and per-VEN opt state', params: eventIdParams, response: { 200: eventView, ...errorResponses } },
  }, async (req) => view((req.params as { eventId: string }).eventId));

  app.patch('/events/:eventId', {
    schema: { tags: ['events'], summary: 'Modify an event (modificationNumber + 1; VENs get the new version)', params: eventIdParams, body: modifyEventBody, response: { 200: eventView, ...errorResponses } },
  }, async (req) => {
    const { eventId } = req.params as { eventId: string };
    await vtn.modifyEvent(eventId, await resolveEventVens(vtn, req.body as ModifyEventOptions));
    return view(eventId);
  });

  app.post('/events/:eventId/cancel', {
    schema: { tags: ['events'], summary: 'Cancel an event (VENs get it once more as cancelled)', params: eventIdParams, body: cancelEventBody, response: { 200: eventView, ...errorResponses } },
  }, async (req) => {
    const { eventId } = req.params as { eventId: string };
    await vtn.cancelEvent(eventId, (req.body as { reason?: string } | null | undefined)?.reason);
    return view(eventId);
  });

  app.get('/events/:eventId/vens', {
    schema: { tags: ['events'], summary: 'Per-VEN delivery and opt state of an event', params: eventIdParams, querystring: eventVensQuery, response: { 200: { type: 'array', items: deliveryView }, ...errorResponses } },
  }, async (req) => deliveriesOf(vtn, await view((req.params as { eventId: string }).eventId), (req.query as { limit?: number }).limit));

  app.get('/events/:eventId/summary', {
    schema: { tags: ['events'], summary: 'Counts of an event\'s VENs: delivered, opted in, opted out, no answer, refused', params: eventIdParams, response: { 200: deliverySummaryReply, ...errorResponses } },
  }, async (req) => deliverySummary(await deliveriesOf(vtn, await view((req.params as { eventId: string }).eventId))));
}
