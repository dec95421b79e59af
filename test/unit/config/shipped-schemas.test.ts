// The VTN compiles its own schemas without checking them against the meta-schema (it cost every start ~0.4 s;
// src/config/ajv-startup-options.ts, src/oadr/payload-schemas.ts), so this test does that check for every shipped schema instead.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';

const SCHEMAS = join(import.meta.dirname, '..', '..', '..', 'schemas');
const shipped = [
  ...readdirSync(SCHEMAS).filter((f) => f.endsWith('.schema.json')),
  ...readdirSync(join(SCHEMAS, 'oadr')).filter((f) => f.endsWith('.schema.json')).map((f) => `oadr/${f}`),
];

function metaProblems(schema: unknown): string[] {
  const ajv = new Ajv({ strict: false });
  return ajv.validateSchema(schema as object) ? [] : (ajv.errors ?? []).map((e) => `${e.instancePath} ${e.message}`);
}

describe('shipped JSON Schemas', () => {
  it('are all found (the start-up options cover these files)', () => {
    expect(shipped).toEqual(expect.arrayContaining(['vtn-config.schema.json', 'rules.schema.json', 'schedule.schema.json', 'clients.schema.json', 'vens.schema.json', 'programs.schema.json', 'templates.schema.json', 'oadr/oadrPoll.schema.json', 'oadr/oadr-defs.schema.json']));
  });

  it.each(shipped)('%s is valid against the JSON Schema meta-schema', (file) => {
    expect(metaProblems(JSON.parse(readFileSync(join(SCHEMAS, file), 'utf8')))).toEqual([]);
  });

  it('the check catches a broken schema', () => {
    expect(metaProblems({ type: 'object', properties: { port: { type: 'integr' } } })).not.toEqual([]);
    expect(metaProblems({ type: 'object', required: 'port' })).not.toEqual([]);
  });
});
