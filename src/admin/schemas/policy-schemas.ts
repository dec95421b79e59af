// Schemas of the rules, schedules and decisions routes.
import { openObject } from './common.js';

/** A located error of a rejected load. */
export const reloadProblem = {
  type: 'object',
  properties: {
    file: { type: 'string' }, line: { type: 'integer' }, column: { type: 'integer' }, code: { type: 'string' }, message: { type: 'string' }, suggestion: { type: 'string' },
  },
} as const;

const reloadResult = {
  type: 'object',
  properties: {
    at: { type: 'string' }, ok: { type: 'boolean' },
    errors: { type: 'array', items: { type: 'string' }, description: 'file:line:column CODE message, one per error.' },
    problems: { type: 'array', items: reloadProblem, description: 'The same errors with their parts.' },
  },
} as const;

const statusProperties = {
  version: { type: 'string', description: 'The running version (e.g. content hash).' },
  loadedAt: { type: 'string' },
  files: { type: 'array', items: { type: 'string' }, description: 'The files the running version was read from.' },
  lastReload: { ...reloadResult, description: 'Latest load attempt; on failure the previous good version keeps running.' },
  reloads: { type: 'object', description: 'Loads since start (the first load counts), each counted when it ends.', properties: { succeeded: { type: 'integer' }, failed: { type: 'integer' } } },
  lastSuccessAt: { type: 'string', description: 'Latest successful load.' },
  lastFailureAt: { type: 'string', description: 'Latest rejected load; absent when none was.' },
} as const;

export const policyStatus = { type: 'object', properties: statusProperties } as const;

export const scheduleStatus = {
  type: 'object',
  properties: { ...statusProperties, running: { type: 'boolean' }, schedules: { type: 'integer' } },
} as const;

export const nextQuery = {
  type: 'object',
  additionalProperties: false,
  properties: { count: { type: 'integer', minimum: 1, maximum: 500, default: 10 } },
} as const;

export const nextOccurrences = {
  type: 'array',
  items: {
    type: 'object',
    properties: {
      scheduleId: { type: 'string' }, fireTime: { type: 'string' }, eventStart: { type: 'string' }, eventEnd: { type: 'string' },
      skip: { type: 'object', properties: { reason: { type: 'string' }, detail: { type: 'string' } } },
    },
  },
} as const;

export const decisionListQuery = {
  type: 'object',
  additionalProperties: false,
  properties: { limit: { type: 'integer', minimum: 1, maximum: 1000, default: 50, description: 'The newest N.' } },
} as const;

export const decisionParams = {
  type: 'object', required: ['id'], properties: { id: { type: 'string', minLength: 1 } },
} as const;

export const decisionList = {
  type: 'array',
  items: { type: 'object', additionalProperties: true, properties: { id: { type: 'string' } } },
} as const;

export const decisionRecord = { ...openObject, description: 'The stored decision with its explain trace, as the rules layer wrote it.' } as const;
