// Ajv validation of decoded payloads against schemas/oadr/*.schema.json, compiled once at first use.
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import type { OadrMessageType } from './model.js';
import type { JsonNode } from './json-form.js';

// src/oadr and dist/oadr are both two levels below the package root.
const SCHEMA_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', 'schemas', 'oadr');
const DEFS_FILE = 'oadr-defs.schema.json';

let validators: Map<string, ValidateFunction> | undefined;

function compileAll(): Map<string, ValidateFunction> {
  const ajv = new Ajv({ allErrors: false, strict: true, strictRequired: false });
  const files = readdirSync(SCHEMA_DIR).filter((f) => f.endsWith('.schema.json'));
  const read = (file: string): Record<string, unknown> =>
    JSON.parse(readFileSync(join(SCHEMA_DIR, file), 'utf8')) as Record<string, unknown>;
  ajv.addSchema(read(DEFS_FILE));
  const map = new Map<string, ValidateFunction>();
  for (const file of files) {
    if (file === DEFS_FILE) continue;
    map.set(file.slice(0, -'.schema.json'.length), ajv.compile(read(file)));
  }
  return map;
}

/** Human path of an Ajv error: `pyld:eiCreatedEvent/ei:eventResponses/ei:eventResponse[0]/…`. */
function describe(error: ErrorObject): string {
  const parts = error.instancePath.split('/').slice(1).map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
  let path = '';
  for (const part of parts) path += /^\d+$/.test(part) ? `[${part}]` : `${path ? '/' : ''}${part}`;
  const params = error.params as Record<string, unknown>;
  if (error.keyword === 'required') return `${path ? `${path}/` : ''}${String(params.missingProperty)} is missing`;
  if (error.keyword === 'additionalProperties') {
    return `${path ? `${path}/` : ''}${String(params.additionalProperty)} is not allowed here`;
  }
  if (error.keyword === 'enum') return `${path} must be one of ${(params.allowedValues as unknown[]).join(', ')}`;
  if (error.keyword === 'pattern') return `${path} has a malformed value`;
  if (error.keyword === 'type' && params.type === 'object') return `${path} must contain elements`;
  return `${path} ${error.message ?? 'is invalid'}`;
}

/** Returns null when valid, else a plain reason naming the first problem. */
export function checkPayloadShape(type: OadrMessageType, body: JsonNode): string | null {
  validators ??= compileAll();
  const validate = validators.get(type);
  if (!validate) return `no payload schema for ${type}`;
  if (validate(body)) return null;
  const errors = validate.errors ?? [];
  // anyOf failures report every branch; the deepest, most specific one names the real problem.
  const rank = (e: ErrorObject): number => (['anyOf', 'type', 'maxLength'].includes(e.keyword) ? 1 : 0);
  const deepest = [...errors].sort((a, b) => b.instancePath.length - a.instancePath.length || rank(a) - rank(b))[0];
  return deepest ? describe(deepest) : 'does not match its schema';
}
