// The fleet at a glance (registered, online, offline, the default poll period) and the names the dashboard
// offers in its pickers: templates, groups and programs.
import type { FastifyInstance } from 'fastify';
import { ScrapeCache } from '../../metrics/scrape-cache.js';
import type { AdminDeps } from '../admin-deps.js';
import { notInstalled } from '../admin-errors.js';
import { errorReply, errorResponses } from '../schemas/common.js';

/** The online count walks every presence record: recomputed on change at most every 2 s, and every 15 s anyway. */
const COUNT_CACHE = { minMs: 2_000, maxMs: 15_000 };

const fleetReply = {
  type: 'object',
  properties: {
    registered: { type: 'integer' }, online: { type: 'integer' }, offline: { type: 'integer' },
    neverSeen: { type: 'integer', description: 'Registered VENs with no message stored since they registered.' },
    defaultPollFreqMs: { type: 'integer', description: 'Poll period of VENs that were granted none of their own.' },
    countedAt: { type: 'string', description: 'When online was counted (it may be up to 15 s old).' },
  },
} as const;

const names = { type: 'array', items: { type: 'string' } } as const;

export function registerFleetRoutes(app: FastifyInstance, deps: AdminDeps): void {
  const { vtn, presence } = deps;
  const counts = new ScrapeCache(vtn.store, ['presence', 'vens'], async () => ({ ...(await presence.counts()), at: vtn.ctx.now().toISOString() }),
    { ...COUNT_CACHE, now: () => vtn.ctx.now().getTime() });
  app.addHook('onClose', async () => counts.stop());

  app.get('/fleet', {
    schema: { tags: ['vens'], summary: 'Registered, online and offline VEN counts (from presence) and the default poll period', response: { 200: fleetReply, ...errorResponses } },
  }, async () => {
    const [registered, seen] = await Promise.all([vtn.store.unit((u) => u.vens.count(), { label: 'fleet count' }), counts.get()]);
    const online = Math.min(seen.online, registered);
    return {
      registered, online, offline: registered - online, neverSeen: Math.max(0, registered - seen.seen),
      defaultPollFreqMs: vtn.ctx.settings.pollFreqMs, countedAt: seen.at,
    };
  });

  app.get('/templates', {
    schema: { tags: ['events'], summary: 'Names of the event templates (config/templates.json)', response: { 200: { type: 'object', properties: { templates: names } }, 503: errorReply, ...errorResponses } },
  }, async () => {
    if (!deps.sources.templates) throw notInstalled('The template catalogue');
    return { templates: deps.sources.templates.names() };
  });

  app.get('/catalogue', {
    schema: {
      tags: ['vens'], summary: 'Groups and programs of the VEN catalogue (config/vens.json, config/programs.json)',
      response: {
        200: { type: 'object', properties: { groups: names, programs: { type: 'array', items: { type: 'object', properties: { name: { type: 'string' }, marketContext: { type: 'string' } } } } } },
        503: errorReply, ...errorResponses,
      },
    },
  }, async () => {
    const c = deps.sources.catalogue;
    if (!c) throw notInstalled('The VEN catalogue');
    return { groups: c.groups(), programs: c.programs() };
  });
}
