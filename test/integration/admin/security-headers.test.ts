// /admin/docs (Swagger UI) under a same-origin Content-Security-Policy; every admin answer nosniff and unframeable.
import { describe, expect, it } from 'vitest';
import { DOCS_CSP } from '../../../src/admin/openapi.js';
import { AUTH } from './admin-fixture.js';
import { listeningAdmin } from './admin-http.js';

describe('admin security headers over HTTP', () => {
  it('/admin/docs/ carries a CSP that allows only this origin, and its page needs nothing inline', async () => {
    const f = await listeningAdmin();
    const page = await f.http('GET', '/admin/docs/');
    expect(page.status).toBe(200);
    expect(page.headers['content-security-policy']).toBe(DOCS_CSP);
    for (const directive of ["default-src 'none'", "script-src 'self'", "style-src 'self'", "frame-ancestors 'none'"]) expect(DOCS_CSP).toContain(directive);
    expect(DOCS_CSP).not.toMatch(/unsafe-|https:|http:|\*/);
    expect(page.headers['x-content-type-options']).toBe('nosniff');
    // What the policy must allow: every script and stylesheet is a same-origin file, none inline.
    const scripts = [...page.body.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)];
    expect(scripts.length).toBeGreaterThan(0);
    for (const [, attrs, inline] of scripts) {
      expect(attrs).toMatch(/src="\.\/static\//);
      expect(inline!.trim()).toBe('');
    }
    expect(page.body).not.toMatch(/<style\b|\sstyle=|\son[a-z]+=/i);
    const assets = [...page.body.matchAll(/(?:src|href)="\.\/(static\/[^"]+)"/g)].map((m) => m[1]!);
    expect(assets).toContain('static/swagger-initializer.js');
    for (const asset of assets) {
      const res = await f.http('GET', `/admin/docs/${asset}`);
      expect(res.status, asset).toBe(200);
      expect(res.headers['content-security-policy'], asset).toBe(DOCS_CSP);
      expect(res.headers['x-content-type-options'], asset).toBe('nosniff');
    }
    // The initializer calls no outside validator.
    expect((await f.http('GET', '/admin/docs/static/swagger-initializer.js')).body).not.toContain('validator.swagger.io');
  });

  it('API answers, errors and probes: nosniff and frame-ancestors none', async () => {
    const f = await listeningAdmin();
    for (const [path, headers, status] of [['/admin/v1/vens', AUTH, 200], ['/admin/v1/vens', {}, 401], ['/healthz', {}, 200], ['/admin/v1/nowhere', AUTH, 404]] as const) {
      const res = await f.http('GET', path, { headers });
      expect(res.status, path).toBe(status);
      expect(res.headers['x-content-type-options'], path).toBe('nosniff');
      expect(res.headers['content-security-policy'], path).toContain("frame-ancestors 'none'");
    }
    // The dashboard keeps its own policy.
    expect((await f.http('GET', '/ui')).headers['content-security-policy']).toContain("script-src 'self'");
  });
});
