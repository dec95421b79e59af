// Schemas of the events routes; the inline body mirrors vtn.addEvent's options (src/vtn/events/event-input.ts).
import { dateTimeInput, durationInput, openObject } from './common.js';

const interval = {
  type: 'object',
  additionalProperties: false,
  properties: {
    dtstart: dateTimeInput,
    duration: durationInput,
    payload: { type: 'number' },
    signalPayload: { type: 'number' },
    uid: { type: 'string' },
  },
} as const;

const intervals = { type: 'array', minItems: 1, items: interval } as const;
const stringList = { type: 'array', items: { type: 'string', minLength: 1 } } as const;

const target = {
  type: 'object',
  description: 'venId/resourceId/groupId/groupName/partyId as one value (OpenLEADR style) or lists (wire model).',
  additionalProperties: false,
  properties: Object.fromEntries(['venId', 'resourceId', 'groupId', 'groupName', 'partyId']
    .map((k) => [k, { anyOf: [{ type: 'string' }, stringList] }])),
} as const;

const signal = {
  type: 'object',
  additionalProperties: false,
  required: ['signalName', 'intervals'],
  properties: {
    signalName: { type: 'string', minLength: 1 }, signalType: { type: 'string' }, signalId: { type: 'string' },
    intervals, itemBase: openObject, target,
  },
} as const;

/** Fields shared by creating and modifying. */
const timing = {
  dtstart: dateTimeInput,
  duration: durationInput,
  target,
  targets: { type: 'array', items: target },
  targetsByType: openObject,
  venId: { type: 'string', minLength: 1 },
  venIds: stringList,
  priority: { type: 'integer', minimum: 0 },
  responseRequired: { enum: ['always', 'never'] },
  rampUp: durationInput,
  notification: durationInput,
  recovery: durationInput,
  startAfter: durationInput,
  testEvent: { type: 'boolean' },
  vtnComment: { type: 'string' },
  signals: { type: 'array', minItems: 1, items: signal },
  intervals,
  baseline: openObject,
} as const;

export const createEventBody = {
  type: 'object',
  description: 'What vtn.addEvent accepts: one signal via signalName/signalType/intervals, or several via signals.',
  additionalProperties: false,
  properties: {
    ...timing,
    eventId: { type: 'string', minLength: 1 },
    signalName: { type: 'string', minLength: 1 },
    signalType: { type: 'string' },
    itemBase: openObject,
    marketContext: { type: 'string', minLength: 1 },
  },
} as const;

export const modifyEventBody = {
  type: 'object',
  description: 'Any subset of the event fields; absent ones keep their value. The modificationNumber goes up by one.',
  additionalProperties: false,
  minProperties: 1,
  properties: { ...timing, reason: { type: 'string', description: 'modificationReason sent to the VENs.' } },
} as const;

export const templateEventBody = {
  type: 'object',
  additionalProperties: false,
  required: ['template', 'start', 'venIds'],
  properties: {
    template: { type: 'string', minLength: 1, description: 'Name in config/templates.json.' },
    start: dateTimeInput,
    duration: { type: 'string', pattern: '^P', description: 'ISO 8601; default the template duration.' },
    venIds: { ...stringList, minItems: 1 },
    level: { type: 'number', description: 'Payload of every interval instead of the template one.' },
    priority: { type: 'integer', minimum: 0 },
    vtnComment: { type: 'string' },
    eventId: { type: 'string', minLength: 1 },
  },
} as const;

export const cancelEventBody = {
  type: ['object', 'null'],
  additionalProperties: false,
  properties: { reason: { type: 'string' } },
} as const;

export const eventListQuery = {
  type: 'object',
  additionalProperties: false,
  properties: {
    status: { enum: ['far', 'near', 'active', 'completed', 'cancelled'] },
    venId: { type: 'string', minLength: 1 },
    marketContext: { type: 'string', minLength: 1 },
    withVens: { type: 'boolean', default: true, description: 'false: each event without its per-VEN opt states (vens is []) and without its audience (event.venIds is replaced by event.venCount, event.target.venIds by event.target.venIdCount), for large audiences.' },
  },
} as const;

export const eventVensQuery = {
  type: 'object',
  additionalProperties: false,
  properties: { limit: { type: 'integer', minimum: 1, maximum: 100_000, description: 'The first N VENs of the audience only.' } },
} as const;

export const deliverySummaryReply = {
  type: 'object',
  properties: {
    total: { type: 'integer' }, delivered: { type: 'integer', description: 'VENs holding the current modification.' },
    optIn: { type: 'integer' }, optOut: { type: 'integer' }, noAnswer: { type: 'integer' },
    refused: { type: 'integer', description: 'VENs that answered with a response code other than 200.' },
  },
} as const;

const optState = {
  type: 'object',
  properties: {
    venId: { type: 'string' },
    protocol: { type: 'string', enum: ['openadr3'], description: 'openadr3: a 3.1 VEN (its ven object id) that answered through an OPERATING_STATE report; absent for the 2.0b audience.' },
    response: { type: 'string', description: 'optIn/optOut answered in oadrCreatedEvent (or a 3.1 OPERATING_STATE report).' },
    responseCode: { type: 'integer' },
    scheduled: { type: 'string', description: 'What EiOpt schedules say.' },
    effective: { type: 'string', description: 'The state to act on.' },
    deliveredModification: { type: 'integer' },
  },
} as const;

export const deliveryView = {
  type: 'object',
  properties: {
    ...optState.properties,
    deliveredStatus: { type: 'string' },
    respondedAt: { type: 'string' },
    delivered: { type: 'boolean', description: 'The VEN has received the current modification.' },
  },
} as const;

export const eventView = {
  type: 'object',
  properties: {
    status: { type: 'string' },
    event: { ...openObject, description: 'The stored event record.' },
    vens: { type: 'array', items: optState },
  },
} as const;

export const eventViewList = { type: 'array', items: eventView } as const;

export const createdEventReply = {
  type: 'object',
  properties: { eventId: { type: 'string' }, venIds: { type: 'array', items: { type: 'string' } }, status: { type: 'string' } },
} as const;
