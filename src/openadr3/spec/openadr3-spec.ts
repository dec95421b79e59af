// The OpenADR 3.1.0 OpenAPI document, parsed once: the source of request schemas, response schemas and scopes.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { PACKAGE_ROOT } from '../../config/load-config.js';

export const SPEC_PATH = join(PACKAGE_ROOT, 'schemas', 'openadr3', 'openadr3.yaml');
/** The $id under which the whole document is added to Ajv; component refs resolve against it. */
export const SPEC_ID = 'openadr3.json';

export interface SpecDocument {
  paths: Record<string, Record<string, unknown>>;
  components: { schemas: Record<string, unknown>; responses: Record<string, unknown> };
}

let cached: SpecDocument | undefined;

export function loadSpec(): SpecDocument {
  cached ??= parse(readFileSync(SPEC_PATH, 'utf8')) as SpecDocument;
  return cached;
}
