// The OpenAPI document (from the route schemas) and the Swagger UI; only admin routes exist on this server.
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';

export const OPENAPI_PATH = '/admin/openapi.json';
export const DOCS_PATH = '/admin/docs';

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
      tags: ['vens', 'events', 'reports', 'rules', 'schedules', 'decisions', 'health'].map((name) => ({ name })),
    },
  });
  app.register(swaggerUi, { routePrefix: DOCS_PATH, uiConfig: { persistAuthorization: true } });
  app.register(async (scope) => {
    scope.get(OPENAPI_PATH, { schema: { hide: true } }, async () => app.swagger());
  });
}
