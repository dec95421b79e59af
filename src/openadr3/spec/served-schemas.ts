// The document's `ven` and `resource` answers cannot be met as written: each is objectMetadata (objectType VEN/RESOURCE)
// allOf the BL request (objectType BL_VEN_REQUEST/BL_RESOURCE_REQUEST). The VTN serves the metadata's objectType
// (§Object Metadata: the VTN populates it) and answers are checked against the request part without its discriminator.
import { loadSpec } from './openadr3-spec.js';

const CONTRADICTED: Record<string, string> = { ven: 'BlVenRequest', resource: 'BlResourceRequest' };

/** `schema` with refs to `ven`/`resource` replaced by a satisfiable equivalent. */
export function servedSchema(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(servedSchema);
  if (!schema || typeof schema !== 'object') return schema;
  const ref = (schema as { $ref?: unknown }).$ref;
  const name = typeof ref === 'string' ? ref.replace('#/components/schemas/', '') : undefined;
  if (name && CONTRADICTED[name]) return withoutDiscriminator(name, CONTRADICTED[name]);
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(schema)) out[k] = servedSchema(v);
  return out;
}

function withoutDiscriminator(name: string, request: string): unknown {
  const part = structuredClone(loadSpec().components.schemas[request]) as { required?: string[]; properties?: Record<string, unknown> };
  delete part.properties?.objectType;
  part.required = (part.required ?? []).filter((r) => r !== 'objectType');
  return { description: `served ${name}`, allOf: [{ $ref: '#/components/schemas/objectMetadata' }, part] };
}
