// Where schedule-related files live, relative to a project root, and reading one with schema validation.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import type { ErrorCode } from '../errors.js';
import { durationSuggestion } from '../rules/files/duration-words.js';
import { parseWithPositions, type Position } from './json-positions.js';
import { STARTUP_AJV_OPTIONS } from '../config/ajv-startup-options.js';

export { jsonFilesIn, schedulePaths, type SchedulePaths } from './schedule-paths.js';

/** A problem in a file, for `vtn check` and reload errors. */
export interface Problem {
  file: string;
  line: number;
  column: number;
  code: ErrorCode;
  message: string;
  suggestion?: string;
  severity: 'error' | 'warning';
}

const SCHEMA_PATH = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'schemas', 'schedule.schema.json');
const SCHEMA_ID = 'https://openadr-vtn.dev/schemas/schedule.schema.json';
let ajv: Ajv | undefined;

export interface ReadFile<T> {
  data?: T;
  positionOf(pointer: string): Position;
  problems: Problem[];
}

/** Reads and schema-checks a schedule file (`scheduleFile`) or a calendar file (`calendarFile`). */
export function readValidated<T>(path: string, kind: 'scheduleFile' | 'calendarFile', root: string): ReadFile<T> {
  const file = relative(root, path) || path;
  const problem = (pos: Position, message: string, suggestion?: string): Problem => ({ file, ...pos, code: 'E_SCHEDULE_FILE', message, severity: 'error', ...(suggestion ? { suggestion } : {}) });
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    return { positionOf: () => ({ line: 1, column: 1 }), problems: [problem({ line: 1, column: 1 }, `cannot read the file: ${(err as Error).message}`)] };
  }
  const parsed = parseWithPositions(text);
  if ('error' in parsed) {
    return { positionOf: () => parsed.position, problems: [problem(parsed.position, `not valid JSON: ${parsed.error}`, parsed.suggestion ?? 'a missing comma, quote or bracket is the usual cause')] };
  }
  const validate = validatorFor(kind);
  if (validate(parsed.data)) return { data: parsed.data as T, positionOf: parsed.positionOf, problems: [] };
  const problems = (validate.errors ?? []).map((e) => problem(parsed.positionOf(e.instancePath), describe(e), hintFor(e)));
  return { positionOf: parsed.positionOf, problems };
}

function validatorFor(kind: 'scheduleFile' | 'calendarFile'): ValidateFunction {
  if (!ajv) {
    ajv = new Ajv({ ...STARTUP_AJV_OPTIONS, allErrors: true, verbose: true, strict: false });
    ajv.addSchema(JSON.parse(readFileSync(SCHEMA_PATH, 'utf8')) as object);
  }
  return ajv.getSchema(`${SCHEMA_ID}#/definitions/${kind}`)!;
}

function describe(e: ErrorObject): string {
  const where = e.instancePath ? e.instancePath.slice(1).replace(/\//g, '.') : 'the file';
  if (e.keyword === 'additionalProperties') return `${where} has an unknown field "${String(e.params.additionalProperty)}"`;
  if (e.keyword === 'required') return `${where} needs the field "${String(e.params.missingProperty)}"`;
  if (isDurationPattern(e)) return `${where} is ${JSON.stringify(e.data)}, which is not an ISO 8601 duration`;
  if (e.keyword === 'pattern' && /startAt/.test(e.instancePath)) return `${where} is ${JSON.stringify(e.data)}, which is not a time of day`;
  if (e.keyword === 'pattern' && e.schemaPath.includes('localDate')) return `${where} is ${JSON.stringify(e.data)}, which is not a date`;
  if (e.keyword === 'enum') return `${where} must be one of ${(e.params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`;
  return `${where} ${e.message ?? 'is invalid'}`;
}

function isDurationPattern(e: ErrorObject): boolean {
  return e.keyword === 'pattern' && e.schemaPath.includes('duration');
}

function hintFor(e: ErrorObject): string | undefined {
  if (e.keyword === 'pattern' && e.schemaPath.includes('localDate')) return 'write dates as YYYY-MM-DD';
  if (e.keyword === 'pattern' && /startAt/.test(e.instancePath)) return 'write the time as HH:MM, e.g. 16:00';
  if (isDurationPattern(e)) return durationSuggestion(e.data);
  if (e.keyword === 'additionalProperties') return 'see schemas/schedule.schema.json for the fields a schedule may have';
  return undefined;
}
