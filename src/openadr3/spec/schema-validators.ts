// Ajv validators for the 3.1 component schemas, compiled once per schema on first use.
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { loadSpec, SPEC_ID } from './openadr3-spec.js';

// ajv-formats is CommonJS: its default export arrives wrapped under ESM.
const addFormats = (addFormatsModule as unknown as { default: (ajv: Ajv, formats: string[]) => Ajv }).default;

export interface SchemaProblem {
  path: string;
  message: string;
}

let ajv: Ajv | undefined;
const compiled = new Map<string, ValidateFunction>();

function instance(): Ajv {
  if (ajv) return ajv;
  // OpenAPI 3.0 schemas: `nullable` is Ajv's own keyword; example/discriminator/xml are annotations here
  // (the document's discriminators sit on anyOf, which Ajv's discriminator support does not cover).
  ajv = new Ajv({ allErrors: true, strict: false, validateFormats: true });
  addFormats(ajv, ['date-time', 'uri']);
  ajv.addFormat('int32', { type: 'number', validate: (n: number) => Number.isInteger(n) && n >= -2147483648 && n <= 2147483647 });
  ajv.addFormat('float', { type: 'number', validate: (n: number) => Number.isFinite(n) });
  ajv.addKeyword({ keyword: 'example' });
  ajv.addKeyword({ keyword: 'discriminator' });
  const spec = loadSpec();
  ajv.addSchema({ $id: SPEC_ID, components: toJsonSchema(spec.components) }, SPEC_ID);
  return ajv;
}

/** A validator for `#/components/schemas/<name>` (or any JSON pointer into the document). */
export function validatorFor(name: string): ValidateFunction {
  const ref = name.startsWith('#') ? name : `#/components/schemas/${name}`;
  let fn = compiled.get(ref);
  if (!fn) {
    fn = instance().compile({ $ref: `${SPEC_ID}${ref}` });
    compiled.set(ref, fn);
  }
  return fn;
}

/** Validates a schema given inline (e.g. an array of a component) against the document's components. */
export function validatorForSchema(key: string, schema: unknown): ValidateFunction {
  let fn = compiled.get(key);
  if (!fn) {
    fn = instance().compile(toJsonSchema(rebase(schema)) as object);
    compiled.set(key, fn);
  }
  return fn;
}

/** Plain-words problems: the property path and what is wrong, one per error. */
export function describeErrors(errors: ErrorObject[] | null | undefined): SchemaProblem[] {
  return (errors ?? []).slice(0, 20).map((e) => {
    const path = e.instancePath || '(body)';
    if (e.keyword === 'required') return { path, message: `missing required property "${String(e.params.missingProperty)}"` };
    if (e.keyword === 'additionalProperties') return { path, message: `unknown property "${String(e.params.additionalProperty)}"` };
    if (e.keyword === 'enum') return { path, message: `must be one of ${(e.params.allowedValues as unknown[]).map(String).join(', ')}` };
    return { path, message: e.message ?? 'is invalid' };
  });
}

// Local `#/components/...` refs inside an inline schema point into the document registered under SPEC_ID.
function rebase(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(rebase);
  if (!node || typeof node !== 'object') return node;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(node)) out[k] = k === '$ref' && typeof v === 'string' && v.startsWith('#') ? `${SPEC_ID}${v}` : rebase(v);
  return out;
}

// OpenAPI 3.0 writes exclusive bounds as booleans beside maximum/minimum (draft 4); Ajv reads draft 7's numbers.
function toJsonSchema(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(toJsonSchema);
  if (!node || typeof node !== 'object') return node;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(node)) out[k] = toJsonSchema(v);
  for (const [flag, bound] of [['exclusiveMaximum', 'maximum'], ['exclusiveMinimum', 'minimum']] as const) {
    if (typeof out[flag] !== 'boolean') continue;
    if (out[flag] === true) out[flag] = out[bound];
    else delete out[flag];
    if (out[flag] !== undefined) delete out[bound];
  }
  return out;
}
