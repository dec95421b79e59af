// Schemas of the report routes: subscriptions, offers, values and aggregates.
import { dateTimeInput, openObject } from './common.js';

const seriesFilter = {
  venId: { type: 'string', minLength: 1 },
  resourceId: { type: 'string', minLength: 1 },
  measurement: { type: 'string', minLength: 1, description: 'itemBase kind, e.g. powerReal.' },
  rId: { type: 'string', minLength: 1 },
  from: { ...dateTimeInput, description: 'Inclusive lower bound on value time.' },
  to: { ...dateTimeInput, description: 'Exclusive upper bound on value time.' },
} as const;

export const MAX_VALUES = 100_000;

export const valuesQuery = {
  type: 'object',
  additionalProperties: false,
  properties: {
    ...seriesFilter,
    limit: { type: 'integer', minimum: 1, maximum: MAX_VALUES, default: 10_000, description: 'Keep the most recent N (still oldest first).' },
    format: { enum: ['json', 'csv'], description: 'csv, or send Accept: text/csv.' },
  },
} as const;

export const aggregateQuery = {
  type: 'object',
  additionalProperties: false,
  required: ['fn'],
  properties: { ...seriesFilter, fn: { enum: ['sum', 'avg', 'min', 'max', 'count'] } },
} as const;

export const reportValue = {
  type: 'object',
  properties: {
    time: { type: 'string' }, venId: { type: 'string' }, resourceId: { type: 'string' }, measurement: { type: 'string' },
    rId: { type: 'string' }, value: { description: 'A number, or a resource-status object for TELEMETRY_STATUS.' },
    unit: { type: 'string' }, scale: { type: 'string' }, durationMs: { type: 'number' }, confidence: { type: 'number' },
    accuracy: { type: 'number' }, dataQuality: { type: 'string' }, reportRequestId: { type: 'string' },
  },
} as const;

export const subscriptionsQuery = {
  type: 'object',
  additionalProperties: false,
  properties: { venId: { type: 'string', minLength: 1 }, state: { enum: ['requested', 'created', 'cancelled'] } },
} as const;

export const offersQuery = {
  type: 'object', additionalProperties: false, required: ['venId'], properties: { venId: { type: 'string', minLength: 1 } },
} as const;

export const openList = { type: 'array', items: openObject } as const;
