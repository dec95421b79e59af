import Fastify from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { lazySchemaCompilers } from '../../../src/http/lazy-schema-compilers.js';

const apps: { close(): Promise<unknown> }[] = [];
afterEach(async () => { for (const a of apps.splice(0)) await a.close(); });

function appWith(compilers = lazySchemaCompilers()) {
  const app = Fastify({ schemaController: { compilersFactory: compilers.compilersFactory } });
  apps.push(app);
  app.post('/things', {
    schema: {
      body: { type: 'object', required: ['name'], properties: { name: { type: 'string', minLength: 2 } }, additionalProperties: false },
      response: { 200: { type: 'object', properties: { name: { type: 'string' } } } },
    },
  }, async (req) => ({ ...(req.body as object), secret: 'not in the response schema' }));
  return { app, compilers };
}

describe('route schemas compiled on first use', () => {
  it('compiles nothing when the app gets ready, then each schema at its first request', async () => {
    const { app, compilers } = appWith();
    await app.ready();
    expect(compilers.pending).toBe(2); // the body validator and the 200 serializer
    const refused = await app.inject({ method: 'POST', url: '/things', payload: { name: 'x' } });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().message).toMatch(/name must NOT have fewer than 2 characters/);
    expect(compilers.pending).toBe(1);
    const ok = await app.inject({ method: 'POST', url: '/things', payload: { name: 'ok' } });
    expect(ok.statusCode).toBe(200);
    // The serializer ran: a property outside the response schema is not sent.
    expect(ok.json()).toEqual({ name: 'ok' });
    expect(compilers.pending).toBe(0);
  });

  it('keeps the errors of each failed check (not a stale list from an earlier one)', async () => {
    const { app } = appWith();
    const missing = await app.inject({ method: 'POST', url: '/things', payload: {} });
    expect(missing.json().message).toMatch(/must have required property 'name'/);
    const wrongType = await app.inject({ method: 'POST', url: '/things', payload: { name: { first: 'a' } } });
    expect(wrongType.json().message).toMatch(/name must be string/);
    expect(wrongType.json().message).not.toMatch(/required/);
  });

  it('compileAll builds every pending schema and reports a broken one', async () => {
    const compilers = lazySchemaCompilers();
    const app = Fastify({ schemaController: { compilersFactory: compilers.compilersFactory } });
    apps.push(app);
    app.get('/broken', { schema: { querystring: { type: 'object', properties: { n: { type: 'nonsense' } } } } }, async () => ({}));
    await app.ready(); // a lazy compiler lets a broken schema through start-up ...
    expect(() => compilers.compileAll()).toThrow(/type/); // ... which is why the admin test compiles them all
  });
});
