// Serves the operator dashboard (plain HTML, CSS and ES modules) at /ui on the admin server; no build step, no CDN.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { StatusSources } from '../status-sources.js';
import { loadStaticAssets, type StaticAsset } from './static-assets.js';

export const DASHBOARD_PATH = '/ui';

/** The assets live in src/ so that the same path works from src/ (tsx, tests) and from dist/ (two levels up to the package root). */
export const DASHBOARD_ASSET_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'src', 'admin', 'ui', 'public');

/** The page is public (a browser cannot send a bearer header for it); its script sends the token on every API call. */
export const isDashboardPath = (path: string): boolean => path === DASHBOARD_PATH || path.startsWith(`${DASHBOARD_PATH}/`);

export interface DashboardOptions {
  /** Tells the page to ask for a token before calling the API (it would only get 401s). */
  authRequired: boolean;
  /** Read per request (start-up attaches layers later) so the page skips panels whose routes would answer 503. */
  sources: StatusSources;
  /** Folder with index.html and the modules; default DASHBOARD_ASSET_DIR. */
  assetDir?: string;
}

// Everything comes from this origin; no inline script, so injected markup cannot run.
const SECURITY_HEADERS = {
  'content-security-policy': "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  // Small files; always revalidate so an upgrade shows at once.
  'cache-control': 'no-cache',
} as const;

function send(reply: FastifyReply, asset: StaticAsset): FastifyReply {
  return reply.headers(SECURITY_HEADERS).type(asset.contentType).send(asset.body);
}

export function registerDashboard(app: FastifyInstance, opts: DashboardOptions): void {
  const assets = loadStaticAssets(opts.assetDir ?? DASHBOARD_ASSET_DIR);
  const index = assets.get('index.html')!;
  // Nothing here is secret: /readyz tells anyone the same about the installed layers.
  const settings = (): StaticAsset => ({
    body: Buffer.from(JSON.stringify({
      authRequired: opts.authRequired,
      apiPrefix: '/admin/v1',
      installed: { rules: opts.sources.policy !== undefined, schedules: opts.sources.schedules !== undefined, templates: opts.sources.templates !== undefined, catalogue: opts.sources.catalogue !== undefined },
    })),
    contentType: 'application/json; charset=utf-8',
  });
  app.register(async (scope) => {
    scope.get(DASHBOARD_PATH, { schema: { hide: true } }, async (_req, reply) => send(reply, index));
    scope.get(`${DASHBOARD_PATH}/`, { schema: { hide: true } }, async (_req, reply) => send(reply, index));
    scope.get(`${DASHBOARD_PATH}/settings.json`, { schema: { hide: true } }, async (_req, reply) => send(reply, settings()));
    scope.get(`${DASHBOARD_PATH}/:file`, { schema: { hide: true } }, async (req, reply) => {
      const asset = assets.get((req.params as { file: string }).file);
      if (!asset) return reply.code(404).send({ code: 'E_NOT_FOUND', message: `no dashboard file ${req.url.split('?')[0]}` });
      return send(reply, asset);
    });
  });
}
