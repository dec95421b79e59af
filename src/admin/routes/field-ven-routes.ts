// Field VENs: ask a VEN for a report by hand (oadrCreateReport on its next poll or push, re-sent until acknowledged),
// and the registrations that ended (how: confirmed, grace, ven, replaced).
import type { FastifyInstance } from 'fastify';
import type { AdminDeps } from '../admin-deps.js';
import { dateTimeInput, durationInput, errorResponses, openObject, venIdParams } from '../schemas/common.js';
import type { RequestReportOptions } from '../../vtn/reports/request-report.js';

const reportRequestBody = {
  type: 'object',
  additionalProperties: false,
  properties: {
    reportSpecifierId: { type: 'string', minLength: 1, description: 'Which offered report, by its reportSpecifierID (see GET /reports/offers).' },
    reportName: { type: 'string', minLength: 1, description: 'Or by name: TELEMETRY_USAGE, TELEMETRY_STATUS, HISTORY_USAGE …' },
    rIds: { type: 'array', items: { type: 'string', minLength: 1 }, maxItems: 500, description: 'Data points to include; default every rID of that report.' },
    kind: { enum: ['oneShot', 'periodic', 'history'], default: 'periodic', description: 'oneShot: current values once; periodic: telemetry from start for duration (open-ended without one); history: a past window.' },
    samplingInterval: durationInput,
    reportingInterval: durationInput,
    granularity: durationInput,
    start: dateTimeInput,
    duration: durationInput,
  },
} as const;

export function registerFieldVenRoutes(app: FastifyInstance, deps: AdminDeps): void {
  const { vtn } = deps;

  app.post('/vens/:venId/report-requests', {
    schema: {
      tags: ['vens'], summary: 'Ask the VEN for a report (oadrCreateReport on its next poll or push; re-sent per fieldVens until acknowledged)',
      params: venIdParams, body: reportRequestBody,
      response: { 202: { type: 'object', properties: { venId: { type: 'string' }, reportRequestId: { type: 'string' }, queued: { type: 'string' } } }, ...errorResponses },
    },
  }, async (req, reply) => {
    const { venId } = req.params as { venId: string };
    const body = (req.body ?? {}) as Omit<RequestReportOptions, 'venId' | 'kind' | 'callback'> & { kind?: RequestReportOptions['kind'] };
    const { reportRequestId } = await vtn.requestReport({ ...body, venId, kind: body.kind ?? 'periodic' });
    return reply.code(202).send({ venId, reportRequestId, queued: 'oadrCreateReport' });
  });

  app.get('/retired-vens', {
    schema: {
      tags: ['vens'], summary: 'Registrations that ended, newest first: retiredBy confirmed (the VEN confirmed the VTN\'s cancellation), grace (it did not, in time), ven (it cancelled), replaced (it registered anew)',
      querystring: { type: 'object', properties: { venId: { type: 'string', minLength: 1 }, limit: { type: 'integer', minimum: 1, maximum: 1000, default: 100 } } },
      response: { 200: { type: 'array', items: openObject }, ...errorResponses },
    },
  }, async (req) => {
    const q = req.query as { venId?: string; limit?: number };
    return vtn.listRetiredVens({ ...(q.venId ? { venId: q.venId } : {}), ...(q.limit ? { limit: q.limit } : {}) });
  });
}
