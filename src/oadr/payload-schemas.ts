// Ajv validation of decoded payloads against schemas/oadr/*.schema.json, compiled once at first use.
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import { clipText } from '../clip-text.js';
import { expectedNumber } from './decode-numbers.js';
import type { OadrMessageType } from './model.js';
import type { JsonNode } from './json-form.js';

// src/oadr and dist/oadr are both two levels below the package root.
const SCHEMA_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', 'schemas', 'oadr');
const DEFS_FILE = 'oadr-defs.schema.json';

let ajv: Ajv | undefined;
let files: ReadonlySet<string> | undefined;
const validators = new Map<string, ValidateFunction | undefined>();
const read = (file: string): Record<string, unknown> => JSON.parse(readFileSync(join(SCHEMA_DIR, file), 'utf8')) as Record<string, unknown>;

/**
 * The validator of one message type, compiled the first time that type arrives: compiling all of them made the
 * first message after a start wait ~1.4 s of CPU (a loaded machine). The schemas are ours and checked against the
 * meta-schema in test/unit/config/shipped-schemas.test.ts, so Ajv need not check them here (validateSchema).
 */
function validatorFor(type: string): ValidateFunction | undefined {
  if (validators.has(type)) return validators.get(type);
  files ??= new Set(readdirSync(SCHEMA_DIR).filter((f) => f.endsWith('.schema.json') && f !== DEFS_FILE));
  let fn: ValidateFunction | undefined;
  if (files.has(`${type}.schema.json`)) {
    if (!ajv) {
      ajv = new Ajv({ allErrors: false, strict: true, strictRequired: false, validateSchema: false });
      ajv.addSchema(read(DEFS_FILE));
    }
    fn = ajv.compile(read(`${type}.schema.json`));
  }
  validators.set(type, fn);
  return fn;
}

// What a value of each patterned definition must look like, for the refusal.
const EXPECTED_BY_DEF: Record<string, string> = {
  float: expectedNumber('float'),
  uint: expectedNumber('unsignedInt'),
  responseCode: 'a three-digit response code such as 200',
  dateTime: 'an ISO 8601 date-time such as 2026-01-01T12:00:00Z',
  duration: 'an ISO 8601 duration such as PT15M',
  readingType: 'a reading type such as Direct Read, Net, Projected or x-…',
};

function valueAt(body: JsonNode, parts: string[]): unknown {
  let at: unknown = body;
  for (const part of parts) at = at !== null && typeof at === 'object' ? (at as Record<string, unknown>)[part] : undefined;
  return at;
}

function malformed(error: ErrorObject, path: string, parts: string[], body: JsonNode): string {
  const def = /\$defs\/(\w+)\/pattern$/.exec(error.schemaPath)?.[1];
  const expected = def ? EXPECTED_BY_DEF[def] : undefined;
  const value = valueAt(body, parts);
  if (!expected || typeof value !== 'string') return `${path} has a malformed value`;
  return `${path} "${clipText(value)}" is not ${expected}`;
}

/** Human path of an Ajv error: `pyld:eiCreatedEvent/ei:eventResponses/ei:eventResponse[0]/…`. */
function describe(error: ErrorObject, body: JsonNode): string {
  const parts = error.instancePath.split('/').slice(1).map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
  let path = '';
  for (const part of parts) path += /^\d+$/.test(part) ? `[${part}]` : `${path ? '/' : ''}${clipText(part)}`;
  const params = error.params as Record<string, unknown>;
  if (error.keyword === 'required') return `${path ? `${path}/` : ''}${String(params.missingProperty)} is missing`;
  if (error.keyword === 'additionalProperties') {
    return `${path ? `${path}/` : ''}${clipText(String(params.additionalProperty))} is not allowed here`;
  }
  if (error.keyword === 'enum') return `${path} must be one of ${(params.allowedValues as unknown[]).join(', ')}`;
  if (error.keyword === 'pattern') return malformed(error, path, parts, body);
  if (error.keyword === 'type' && params.type === 'object') return `${path} must contain elements`;
  return `${path} ${error.message ?? 'is invalid'}`;
}

/** Returns null when valid, else a plain reason naming the first problem. */
export function checkPayloadShape(type: OadrMessageType, body: JsonNode): string | null {
  const validate = validatorFor(type);
  if (!validate) return `no payload schema for ${type}`;
  if (validate(body)) return null;
  const errors = validate.errors ?? [];
  // anyOf failures report every branch; the deepest, most specific one names the real problem.
  const rank = (e: ErrorObject): number => (['anyOf', 'type', 'maxLength'].includes(e.keyword) ? 1 : 0);
  const deepest = [...errors].sort((a, b) => b.instancePath.length - a.instancePath.length || rank(a) - rank(b))[0];
  return deepest ? describe(deepest, body) : 'does not match its schema';
}
