// GET /reports/totals: the fleet's, a group's, a program's or one VEN's total per time bucket, computed by the
// telemetry store (never 10,000 series sent to a browser).
import type { FastifyInstance } from 'fastify';
import type { AdminDeps } from '../admin-deps.js';
import { AdminHttpError, notInstalled } from '../admin-errors.js';
import { dateTimeInput, errorReply, errorResponses } from '../schemas/common.js';
import { MAX_TOTAL_BUCKETS } from '../../telemetry/totals.js';

const totalsQuery = {
  type: 'object',
  additionalProperties: false,
  required: ['from'],
  properties: {
    measurement: { type: 'string', minLength: 1, default: 'powerReal', description: 'itemBase kind.' },
    group: { type: 'string', minLength: 1, description: 'Only the registered VENs of this catalogue group.' },
    program: { type: 'string', minLength: 1, description: 'Only the registered VENs of this program (config/programs.json name).' },
    venId: { type: 'string', minLength: 1, description: 'Only this VEN.' },
    resourceId: { type: 'string', minLength: 1 },
    from: { ...dateTimeInput, description: 'Start of the first bucket.' },
    to: { ...dateTimeInput, description: 'End of the last bucket (exclusive); default now.' },
    buckets: { type: 'integer', minimum: 1, maximum: MAX_TOTAL_BUCKETS, default: 120, description: 'How many buckets the window is cut into (each at least 1 s).' },
  },
} as const;

interface TotalsParams { measurement: string; group?: string; program?: string; venId?: string; resourceId?: string; from: string; to?: string; buckets: number }

const totalsReply = {
  type: 'object',
  properties: {
    scope: { type: 'string', description: 'fleet, group, program or ven.' }, name: { type: 'string' },
    vens: { type: 'integer', description: 'Registered VENs in the group or program (absent for the fleet).' },
    measurement: { type: 'string' }, unit: { type: 'string' }, scale: { type: 'string' },
    from: { type: 'string' }, to: { type: 'string' }, bucketMs: { type: 'integer' },
    points: {
      type: 'array', description: 'Buckets with values: each series\' average in the bucket, added up.',
      items: { type: 'object', properties: { time: { type: 'string' }, value: { type: 'number' }, series: { type: 'integer' } } },
    },
  },
} as const;

export function registerTotalsRoute(app: FastifyInstance, deps: AdminDeps): void {
  /** The VENs of the scope (undefined = the whole fleet). */
  async function scopeOf(q: TotalsParams): Promise<{ scope: string; name?: string; venIds?: string[] }> {
    const picked = (['group', 'program', 'venId'] as const).filter((k) => q[k] !== undefined);
    if (picked.length > 1) throw new AdminHttpError(400, 'E_BAD_REQUEST', `give one of group, program or venId, not ${picked.join(' and ')}`);
    if (q.venId !== undefined) return { scope: 'ven', name: q.venId, venIds: [q.venId] };
    const kind = q.group !== undefined ? 'group' : q.program !== undefined ? 'program' : undefined;
    if (kind === undefined) return { scope: 'fleet' };
    const name = (kind === 'group' ? q.group : q.program)!;
    if (!deps.sources.catalogue) throw notInstalled('The VEN catalogue');
    const venIds = await deps.sources.catalogue.members(kind, name);
    if (!venIds) {
      const known = kind === 'group' ? deps.sources.catalogue.groups() : deps.sources.catalogue.programs().map((p) => p.name);
      throw new AdminHttpError(404, 'E_NOT_FOUND', `no ${kind} named ${name}; known: ${known.slice(0, 20).join(', ') || 'none'}`);
    }
    return { scope: kind, name, venIds };
  }

  app.get('/reports/totals', {
    schema: { tags: ['reports'], summary: 'Per-bucket totals of a measurement over the fleet, a group, a program or a VEN', querystring: totalsQuery, response: { 200: totalsReply, ...errorResponses, 503: errorReply } },
  }, async (req) => {
    const q = req.query as TotalsParams;
    const from = new Date(q.from);
    const to = q.to !== undefined ? new Date(q.to) : deps.vtn.ctx.now();
    if (to.getTime() <= from.getTime()) throw new AdminHttpError(400, 'E_BAD_REQUEST', 'from must be before to');
    const bucketMs = Math.max(1000, Math.ceil((to.getTime() - from.getTime()) / q.buckets));
    const { venIds, ...scope } = await scopeOf(q);
    const totals = await deps.vtn.telemetry.totals({
      measurement: q.measurement, from, to, bucketMs, ...(venIds ? { venIds } : {}), ...(q.resourceId !== undefined ? { resourceId: q.resourceId } : {}),
    });
    return {
      ...scope, ...(venIds && scope.scope !== 'ven' ? { vens: venIds.length } : {}), measurement: q.measurement,
      ...(totals.unit !== undefined ? { unit: totals.unit } : {}), ...(totals.scale !== undefined ? { scale: totals.scale } : {}),
      from: from.toISOString(), to: to.toISOString(), bucketMs,
      points: totals.points.map((p) => ({ time: p.time.toISOString(), value: p.value, series: p.series })),
    };
  });
}
