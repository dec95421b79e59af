// Turns Ajv errors into one precise sentence: where, what is wrong, and the allowed or unknown names.
import type { FastifySchemaValidationError, SchemaErrorDataVar } from 'fastify/types/schema.js';

function describe(e: FastifySchemaValidationError, dataVar: SchemaErrorDataVar): string {
  const where = `${dataVar}${e.instancePath ?? ''}`;
  const p = e.params as Record<string, unknown>;
  if (e.keyword === 'additionalProperties') return `${where} has an unknown field "${String(p.additionalProperty)}"`;
  if (e.keyword === 'required') return `${where} is missing the required field "${String(p.missingProperty)}"`;
  if (e.keyword === 'enum') return `${where} must be one of ${(p.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`;
  return `${where} ${e.message ?? 'is invalid'}`;
}

export function formatSchemaErrors(errors: FastifySchemaValidationError[], dataVar: SchemaErrorDataVar): Error {
  // anyOf failures repeat each branch's error; keep each distinct sentence once.
  const sentences = [...new Set(errors.filter((e) => e.keyword !== 'anyOf').map((e) => describe(e, dataVar)))];
  return new Error(sentences.join('; ') || `${dataVar} is invalid`);
}
