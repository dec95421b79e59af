// How the admin server serves the dashboard (no browser needed): public files with strict headers, nothing
// outside the asset folder, the API still behind the token, and every module the page imports present.
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { AdminServer } from '../../src/admin/index.js';
import { DASHBOARD_ASSET_DIR } from '../../src/admin/ui/dashboard-plugin.js';
import { loadStaticAssets } from '../../src/admin/ui/static-assets.js';
import { startTestVtn, type RunningTestVtn } from '../helpers/start-vtn.js';

const TOKEN = 'assets-test-token-0123456789';
const open: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const stop of open.splice(0).reverse()) await stop();
});

async function admin(token?: string): Promise<{ admin: AdminServer; vtn: RunningTestVtn }> {
  const vtn = await startTestVtn();
  const server = new AdminServer({ vtn: vtn.vtn, config: token ? { token } : {}, processMetrics: false, env: {} });
  open.push(() => vtn.close(), () => server.close());
  return { admin: server, vtn };
}

describe('dashboard files on the admin server', () => {
  it('serves the page at /ui and /ui/ without a token, with a same-origin-only content security policy', async () => {
    const { admin: a } = await admin(TOKEN);
    for (const url of ['/ui', '/ui/']) {
      const res = await a.app.inject({ url });
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(res.body).toContain('<script type="module" src="/ui/app.js"></script>');
      expect(res.headers['content-security-policy']).toContain("script-src 'self'");
      expect(res.headers['content-security-policy']).not.toContain('unsafe-inline');
      expect(res.headers['x-content-type-options']).toBe('nosniff');
    }
    const js = await a.app.inject({ url: '/ui/app.js' });
    expect(js.statusCode).toBe(200);
    expect(js.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect((await a.app.inject({ url: '/ui/dashboard.css' })).headers['content-type']).toBe('text/css; charset=utf-8');
    expect((await a.app.inject({ url: '/ui/icon.svg' })).headers['content-type']).toBe('image/svg+xml');
  });

  it('keeps the API behind the token while the page is public', async () => {
    const { admin: a } = await admin(TOKEN);
    expect((await a.app.inject({ url: '/admin/v1/vens' })).statusCode).toBe(401);
    expect((await a.app.inject({ url: '/admin/v1/vens', headers: { authorization: `Bearer ${TOKEN}` } })).statusCode).toBe(200);
    // A path that merely starts with the same letters is not part of the dashboard.
    expect((await a.app.inject({ url: '/uix' })).statusCode).toBe(401);
  });

  it('tells the page whether to ask for a token and which optional layers run', async () => {
    const withToken = await admin(TOKEN);
    const none = { rules: false, schedules: false, templates: false, catalogue: false };
    expect((await withToken.admin.app.inject({ url: '/ui/settings.json' })).json()).toEqual({ authRequired: true, apiPrefix: '/admin/v1', installed: none });
    const noAuth = await admin();
    expect((await noAuth.admin.app.inject({ url: '/ui/settings.json' })).json()).toEqual({ authRequired: false, apiPrefix: '/admin/v1', installed: none });
    // Layers attached after start-up show at once.
    noAuth.admin.attach({ schedules: { status: () => ({ running: true, reloads: { succeeded: 0, failed: 0 } }), reload: async () => ({ running: true, reloads: { succeeded: 0, failed: 0 } }), next: () => [] } });
    expect((await noAuth.admin.app.inject({ url: '/ui/settings.json' })).json().installed).toEqual({ rules: false, schedules: true, templates: false, catalogue: false });
  });

  it('answers 404 for unknown names and for any path outside the asset folder', async () => {
    const { admin: a } = await admin(TOKEN);
    for (const url of ['/ui/nope.js', '/ui/..%2Fdashboard-plugin.ts', '/ui/..%2F..%2F..%2F..%2Fpackage.json', '/ui/%2E%2E/static-assets.ts', '/ui/public/app.js']) {
      // With the token, so a path that resolves outside /ui (%2E%2E is "..") is a 404 too, not just a 401.
      const res = await a.app.inject({ url, headers: { authorization: `Bearer ${TOKEN}` } });
      expect(res.statusCode, url).toBe(404);
      expect(res.json().code).toBe('E_NOT_FOUND');
    }
  });

  it('is not part of the OpenAPI document', async () => {
    const { admin: a } = await admin(TOKEN);
    const paths = Object.keys((await a.app.inject({ url: '/admin/openapi.json' })).json().paths);
    expect(paths.some((p) => p.startsWith('/ui'))).toBe(false);
    expect(paths).toContain('/admin/v1/vens');
  });

  it('ships every module the page imports (followed from index.html)', async () => {
    const seen = new Set<string>();
    const follow = async (file: string): Promise<void> => {
      if (seen.has(file)) return;
      seen.add(file);
      const text = await readFile(join(DASHBOARD_ASSET_DIR, file), 'utf8');
      const refs = [...text.matchAll(/(?:from\s+'\.\/([\w-]+\.js)')|(?:src="\/ui\/([\w-]+\.js)")/g)].map((m) => m[1] ?? m[2]!);
      for (const ref of refs) await follow(ref);
    };
    await follow('index.html');
    const served = loadStaticAssets(DASHBOARD_ASSET_DIR);
    for (const file of seen) expect(served.has(file), file).toBe(true);
    expect(seen.size).toBeGreaterThan(10);
  });

  it('refuses an asset folder without index.html', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'vtn-ui-'));
    await writeFile(join(dir, 'app.js'), '');
    expect(() => loadStaticAssets(dir)).toThrow(/no index.html/);
  });
});
