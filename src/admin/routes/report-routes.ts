// Reports: subscriptions, offers, and stored values by VEN / resource / measurement / time range, as JSON or CSV.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { AggregateFn, TelemetryQuery } from '../../telemetry/telemetry-store.js';
import type { AdminDeps } from '../admin-deps.js';
import { errorResponses } from '../schemas/common.js';
import { aggregateQuery, offersQuery, openList, reportValue, subscriptionsQuery, valuesQuery } from '../schemas/report-schemas.js';
import { valuesToCsv } from '../values-csv.js';

interface SeriesQuery { venId?: string; resourceId?: string; measurement?: string; rId?: string; from?: string; to?: string; limit?: number }

function telemetryQuery(q: SeriesQuery): TelemetryQuery {
  const out: TelemetryQuery = {};
  for (const k of ['venId', 'resourceId', 'measurement', 'rId'] as const) if (q[k] !== undefined) out[k] = q[k];
  if (q.from !== undefined) out.from = new Date(q.from);
  if (q.to !== undefined) out.to = new Date(q.to);
  if (q.limit !== undefined) out.limit = q.limit;
  return out;
}

const wantsCsv = (req: FastifyRequest, format?: string): boolean =>
  format === 'csv' || (format === undefined && /\btext\/csv\b/i.test(req.headers.accept ?? ''));

export function registerReportRoutes(app: FastifyInstance, deps: AdminDeps): void {
  const { vtn } = deps;

  app.get('/reports/subscriptions', {
    schema: { tags: ['reports'], summary: 'What the VTN asked VENs to report', querystring: subscriptionsQuery, response: { 200: openList, ...errorResponses } },
  }, async (req) => {
    const { venId, state } = req.query as { venId?: string; state?: string };
    return (await vtn.listReportSubscriptions(venId)).filter((s) => !state || s.state === state);
  });

  app.get('/reports/offers', {
    schema: { tags: ['reports'], summary: 'Data points a VEN offered in its latest report registration', querystring: offersQuery, response: { 200: openList, ...errorResponses } },
  }, async (req) => vtn.reportOffers((req.query as { venId: string }).venId));

  app.get('/reports/values', {
    schema: {
      tags: ['reports'], summary: 'Stored report values, oldest first; JSON, or CSV with ?format=csv or Accept: text/csv',
      querystring: valuesQuery,
      response: { 200: { description: 'JSON array, or text/csv with a header row.', type: 'array', items: reportValue }, ...errorResponses },
    },
  }, async (req, reply) => {
    const q = req.query as SeriesQuery & { format?: string };
    const values = await vtn.telemetry.query(telemetryQuery(q));
    if (wantsCsv(req, q.format)) {
      // A string body with a non-JSON type bypasses the JSON response serializer.
      return reply.type('text/csv; charset=utf-8').header('content-disposition', 'inline; filename="report-values.csv"').send(valuesToCsv(values));
    }
    return values.map((v) => ({ ...v, time: v.time.toISOString() }));
  });

  app.get('/reports/aggregate', {
    schema: {
      tags: ['reports'], summary: 'sum/avg/min/max/count of numeric values over a filter', querystring: aggregateQuery,
      response: { 200: { type: 'object', properties: { fn: { type: 'string' }, value: { type: ['number', 'null'] } } }, ...errorResponses },
    },
  }, async (req) => {
    const q = req.query as SeriesQuery & { fn: AggregateFn };
    return { fn: q.fn, value: (await vtn.telemetry.aggregate({ ...telemetryQuery(q), fn: q.fn })) ?? null };
  });
}
