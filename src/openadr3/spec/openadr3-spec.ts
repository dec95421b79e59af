// The OpenADR 3.1.0 OpenAPI document, read once: the source of request schemas, response schemas and scopes.
// The VTN reads its JSON twin (openadr3.json): parsing the YAML took 0.3–1.5 s of every start, JSON.parse 2 ms.
// A test holds the twin equal to the parsed YAML, and the YAML equal to the specification.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PACKAGE_ROOT } from '../../config/load-config.js';

export const SPEC_PATH = join(PACKAGE_ROOT, 'schemas', 'openadr3', 'openadr3.yaml');
export const SPEC_JSON_PATH = join(PACKAGE_ROOT, 'schemas', 'openadr3', 'openadr3.json');
/** The $id under which the whole document is added to Ajv; component refs resolve against it. */
export const SPEC_ID = 'openadr3.json';

export interface SpecDocument {
  paths: Record<string, Record<string, unknown>>;
  components: { schemas: Record<string, unknown>; responses: Record<string, unknown> };
}

let cached: SpecDocument | undefined;

export function loadSpec(): SpecDocument {
  cached ??= JSON.parse(readFileSync(SPEC_JSON_PATH, 'utf8')) as SpecDocument;
  return cached;
}
