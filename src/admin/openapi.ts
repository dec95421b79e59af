// The OpenAPI document (from the route schemas) and the Swagger UI; only admin routes exist on this server.
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';

import { DOCS_PATH, OPENAPI_PATH } from './admin-paths.js';

export { DOCS_PATH, OPENAPI_PATH } from './admin-paths.js';

/**
 * Swagger UI loads only its own files from this server; its stylesheet draws icons from data: URIs, and its
 * bundle inserts one fixed <style> element, allowed by its hash alone (Chromium checks the whole policy in
 * test/browser/docs-csp.test.ts: a swagger-ui upgrade that changes it fails there). No validator badge (an outside call).
 */
export const SWAGGER_UI_STYLE_HASH = "'sha256-RL3ie0nH+Lzz2YNqQN83mnU0J1ot4QL7b99vMdIX99w='";
export const DOCS_CSP = `default-src 'none'; script-src 'self'; style-src 'self' ${SWAGGER_UI_STYLE_HASH}; img-src 'self' data:; font-src 'self'; ` +
  "connect-src 'self'; base-uri 'none'; form-action 'none'; object-src 'none'; frame-ancestors 'none'";

export function registerOpenApi(app: FastifyInstance, version: string): void {
  app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: 'openadr-vtn admin API',
        version,
        description: 'Operator API of the VTN: VENs, events, reports, rules, schedules, decisions, health. Send Authorization: Bearer <admin token>.',
      },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
      security: [{ bearer: [] }],
      tags: ['vens', 'events', 'reports', 'rules', 'schedules', 'decisions', 'openadr3', 'health'].map((name) => ({ name })),
    },
  });
  app.register(swaggerUi, { routePrefix: DOCS_PATH, uiConfig: { persistAuthorization: true, validatorUrl: null }, staticCSP: DOCS_CSP });
  app.register(async (scope) => {
    scope.get(OPENAPI_PATH, { schema: { hide: true } }, async () => app.swagger());
  });
}
