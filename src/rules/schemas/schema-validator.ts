// Validates a parsed policy file against its JSON Schema and reports each violation at its line:column.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { PACKAGE_ROOT } from '../../config/load-config.js';
import { didYouMean } from '../files/closest-match.js';
import { pointerToPath, positionOf, type JsonSource } from '../files/json-source.js';
import type { Problem } from '../files/problem.js';
import { durationSuggestion } from '../files/duration-words.js';
import { quotedScalar } from '../files/quoted-scalar.js';
import { STARTUP_AJV_OPTIONS } from '../../config/ajv-startup-options.js';

export type FileKind = 'rules' | 'vens' | 'programs' | 'templates' | 'ruleTests' | 'scenarios' | 'vtnConfig' | 'clients';

const SCHEMA_FILES: Record<FileKind, string> = {
  rules: 'rules.schema.json',
  vens: 'vens.schema.json',
  programs: 'programs.schema.json',
  templates: 'templates.schema.json',
  ruleTests: 'rule-tests.schema.json',
  scenarios: 'rule-scenarios.schema.json',
  vtnConfig: 'vtn-config.schema.json',
  clients: 'clients.schema.json',
};

export const schemaPath = (kind: FileKind): string => join(PACKAGE_ROOT, 'schemas', SCHEMA_FILES[kind]);

// ajv-formats' default export sits under .default with NodeNext.
const addFormats = (addFormatsModule as unknown as { default: (ajv: Ajv) => Ajv }).default;
const compiled = new Map<FileKind, ValidateFunction>();

function validatorFor(kind: FileKind): ValidateFunction {
  let v = compiled.get(kind);
  if (!v) {
    const ajv = new Ajv({ ...STARTUP_AJV_OPTIONS, allErrors: true, verbose: true, strict: false });
    addFormats(ajv);
    v = ajv.compile(JSON.parse(readFileSync(schemaPath(kind), 'utf8')));
    compiled.set(kind, v);
  }
  return v;
}

/** Schema problems of one file (none when its syntax is too broken to read: those errors are reported instead). */
export function validateAgainstSchema(src: JsonSource, kind: FileKind): Problem[] {
  if (src.data === undefined) return [];
  const validate = validatorFor(kind);
  if (validate(src.data)) return [];
  const seen = new Set<string>();
  const out: Problem[] = [];
  for (const e of relevant(validate.errors ?? [])) {
    const p = toProblem(src, e);
    const key = `${p.line}:${p.column}:${p.message}`;
    if (!seen.has(key)) {
      seen.add(key);
      out.push(p);
    }
  }
  return out;
}

// `if` failures only say "must match then schema"; the errors inside `then` say what is wrong.
// oneOf/anyOf wrappers repeat their branches' errors less precisely, and a branch of another type ("must be
// array" for an object) is noise when the branch of the value's own type says what is wrong inside it.
function relevant(errors: ErrorObject[]): ErrorObject[] {
  const precise = errors.filter((e) => !['if', 'oneOf', 'anyOf'].includes(e.keyword));
  const branched = new Set(errors.filter((e) => e.keyword === 'oneOf' || e.keyword === 'anyOf').map((e) => e.instancePath));
  const deeper = (path: string) => precise.some((e) => e.instancePath.startsWith(`${path}/`));
  const focused = precise.filter((e) => !(e.keyword === 'type' && branched.has(e.instancePath) && deeper(e.instancePath)));
  return focused.length > 0 ? focused : errors;
}

function toProblem(src: JsonSource, e: ErrorObject): Problem {
  const path = pointerToPath(e.instancePath);
  const where = e.instancePath === '' ? 'the top level' : e.instancePath.slice(1).replace(/\//g, '.');
  const base = { file: src.file, severity: 'error' as const };
  if (e.keyword === 'additionalProperty' || e.keyword === 'additionalProperties') {
    const name = String((e.params as { additionalProperty: string }).additionalProperty);
    const allowed = Object.keys((e.parentSchema as { properties?: object })?.properties ?? {});
    const suggestion = didYouMean(name, allowed) ?? `allowed here: ${allowed.filter((k) => k !== '$schema').join(', ')}`;
    return { ...base, ...positionOf(src, [...path, name], true), code: 'P_UNKNOWN_FIELD', message: `unknown field "${name}" in ${where}`, suggestion };
  }
  if (e.keyword === 'enum' || e.keyword === 'const') {
    const allowed = e.keyword === 'enum' ? (e.params as { allowedValues: unknown[] }).allowedValues : [(e.params as { allowedValue: unknown }).allowedValue];
    const strings = allowed.map(String);
    const suggestion = typeof e.data === 'string' ? didYouMean(e.data, strings) : undefined;
    return {
      ...base, ...positionOf(src, path), code: 'P_UNKNOWN_VALUE',
      message: `${JSON.stringify(e.data)} is not allowed for ${where}`,
      suggestion: suggestion ?? `use one of: ${strings.join(', ')}`,
    };
  }
  if (e.keyword === 'pattern' && (e.params as { pattern: string }).pattern === '^P') {
    return { ...base, ...positionOf(src, path), code: 'P_DURATION', message: `${JSON.stringify(e.data)} is not an ISO 8601 duration`, suggestion: durationSuggestion(e.data) };
  }
  const quoted = e.keyword === 'type' ? quotedScalar(e.data, (e.params as { type: string }).type) : undefined;
  if (quoted) {
    return { ...base, ...positionOf(src, path), code: 'P_VALUE_TYPE', message: `${where} must be ${quoted.expected}, not the string ${JSON.stringify(e.data)}`, suggestion: quoted.suggestion };
  }
  if (e.keyword === 'required') {
    const missing = (e.params as { missingProperty: string }).missingProperty;
    return { ...base, ...positionOf(src, path), code: 'P_SCHEMA', message: `${where} is missing the required field "${missing}"` };
  }
  return { ...base, ...positionOf(src, path), code: 'P_SCHEMA', message: `${where} ${e.message ?? 'is invalid'}` };
}
