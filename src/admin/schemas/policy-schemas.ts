// Schemas of the rules, schedules and decisions routes.
import { openObject } from './common.js';

const reloadResult = {
  type: 'object',
  properties: { at: { type: 'string' }, ok: { type: 'boolean' }, errors: { type: 'array', items: { type: 'string' } } },
} as const;

const statusProperties = {
  version: { type: 'string', description: 'The running version (e.g. content hash).' },
  loadedAt: { type: 'string' },
  files: { type: 'array', items: { type: 'string' } },
  lastReload: { ...reloadResult, description: 'Latest load attempt; on failure the previous good version keeps running.' },
  reloads: { type: 'object', properties: { succeeded: { type: 'integer' }, failed: { type: 'integer' } } },
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
