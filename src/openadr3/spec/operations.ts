// The operation table read from the OpenAPI document: method, path, scopes, request and response schemas.
import { loadSpec } from './openadr3-spec.js';

export type HttpMethod = 'get' | 'post' | 'put' | 'delete';

export interface Operation {
  operationId: string;
  method: HttpMethod;
  /** The document's path, e.g. /programs/{programID}. */
  path: string;
  /** The same path in fastify's syntax, e.g. /programs/:programID. */
  route: string;
  /** Scopes of the oAuth2ClientCredentials requirement (the document's bearerAuth alternative grants nothing here). */
  scopes: string[];
  /** The request body's schema (as written in the document), when the operation takes one. */
  requestSchema?: unknown;
  /** Success response status → body schema (as written). */
  responses: Record<string, unknown>;
  /** Query parameter names the operation declares. */
  query: string[];
}

interface RawOperation {
  operationId: string;
  security?: Record<string, string[]>[];
  requestBody?: { content?: Record<string, { schema?: unknown }> };
  responses?: Record<string, { content?: Record<string, { schema?: unknown }>; $ref?: string }>;
  parameters?: { name: string; in: string }[];
}

let table: Operation[] | undefined;

export function operations(): Operation[] {
  if (table) return table;
  const spec = loadSpec();
  table = [];
  for (const [path, item] of Object.entries(spec.paths)) {
    for (const method of ['get', 'post', 'put', 'delete'] as const) {
      const op = item[method] as RawOperation | undefined;
      if (!op) continue;
      const scopes = (op.security ?? []).flatMap((s) => s.oAuth2ClientCredentials ?? []);
      const responses: Record<string, unknown> = {};
      for (const [status, r] of Object.entries(op.responses ?? {})) {
        const schema = r.content?.['application/json']?.schema;
        if (status.startsWith('2') && schema) responses[status] = schema;
      }
      const requestSchema = op.requestBody?.content?.['application/json']?.schema;
      table.push({
        operationId: op.operationId, method, path, route: path.replace(/\{(\w+)\}/g, ':$1'), scopes, responses,
        ...(requestSchema ? { requestSchema } : {}),
        query: (op.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name),
      });
    }
  }
  return table;
}

export function operation(operationId: string): Operation {
  const op = operations().find((o) => o.operationId === operationId);
  if (!op) throw new Error(`no operation ${operationId} in the OpenADR 3 document`);
  return op;
}
