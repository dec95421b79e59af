// Schema of GET /admin/v1/health: the summary the dashboard shows as a banner.
import { reloadProblem } from './policy-schemas.js';

const component = {
  type: 'object',
  required: ['status', 'detail', 'problems'],
  properties: {
    status: { type: 'string', enum: ['ok', 'degraded', 'down', 'not installed'], description: 'degraded: the last edit was rejected and the last good version keeps serving; down: nothing serves.' },
    detail: { type: 'string', description: 'One plain line, e.g. "the last rules edit was rejected: rules/opt.json:3:14 P_UNKNOWN_FACT …; version 1a2b3c4d5e6f keeps serving".' },
    version: { type: 'string' }, loadedAt: { type: 'string' }, lastSuccessAt: { type: 'string' }, lastFailureAt: { type: 'string' },
    failures: { type: 'integer', description: 'Rejected loads since start.' },
    problems: { type: 'array', items: reloadProblem, description: 'The errors of the rejected edit; empty unless degraded or down.' },
  },
} as const;

export const healthSummaryReply = {
  type: 'object',
  required: ['status', 'ready', 'store', 'policy', 'schedules'],
  properties: {
    status: { type: 'string', enum: ['ok', 'degraded', 'down'], description: 'The worst of store, policy and schedules.' },
    ready: { type: 'boolean', description: 'What /readyz answers: true unless a component is down.' },
    store: component, policy: component, schedules: component,
  },
} as const;
