// Shared JSON Schema pieces of the admin API (route schemas double as the OpenAPI document).
export const errorReply = {
  type: 'object',
  description: 'Every failure: a stable code, a plain message and sometimes what to do about it.',
  properties: {
    code: { type: 'string' }, message: { type: 'string' }, hint: { type: 'string' },
    candidates: {
      type: 'array', description: 'E_VEN_AMBIGUOUS: the registered VENs carrying the venName given (at most 20).',
      items: { type: 'object', properties: { venId: { type: 'string' }, venName: { type: 'string' }, registeredAt: { type: 'string' } } },
    },
  },
  required: ['code', 'message'],
} as const;

/** 400/401/404/409 responses most routes share (409: a venName several VENs carry). */
export const errorResponses = { 400: errorReply, 401: errorReply, 404: errorReply, 409: errorReply } as const;

export const venIdParams = {
  type: 'object',
  properties: { venId: { type: 'string', minLength: 1, description: 'venID assigned at registration, or the venName of one registered VEN.' } },
  required: ['venId'],
} as const;

export const eventIdParams = {
  type: 'object',
  properties: { eventId: { type: 'string', minLength: 1 } },
  required: ['eventId'],
} as const;

/** An ISO 8601 duration or milliseconds. */
export const durationInput = {
  anyOf: [{ type: 'integer', minimum: 0 }, { type: 'string', pattern: '^-?P' }],
  description: 'ISO 8601 duration (PT30M) or milliseconds.',
} as const;

export const dateTimeInput = { type: 'string', format: 'date-time', description: 'ISO 8601 date-time with Z or an offset.' } as const;

/** A free-form object (records the admin API passes through as stored). */
export const openObject = { type: 'object', additionalProperties: true } as const;

export const queuedReply = {
  type: 'object',
  properties: { venId: { type: 'string' }, queued: { type: 'string', description: 'The message the VEN gets on its next poll.' } },
} as const;
