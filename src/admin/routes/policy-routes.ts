// Rules and schedules: loaded version, last reload result with errors, reload now, next occurrences.
import type { FastifyInstance } from 'fastify';
import type { AdminDeps } from '../admin-deps.js';
import { notInstalled } from '../admin-errors.js';
import { errorReply } from '../schemas/common.js';
import { nextOccurrences, nextQuery, policyStatus, scheduleStatus } from '../schemas/policy-schemas.js';

const unavailable = { 401: errorReply, 400: errorReply, 503: errorReply } as const;

export function registerPolicyRoutes(app: FastifyInstance, deps: AdminDeps): void {
  const policy = () => deps.sources.policy ?? (() => { throw notInstalled('The rules layer'); })();
  const schedules = () => deps.sources.schedules ?? (() => { throw notInstalled('The scheduler'); })();

  app.get('/rules', {
    schema: { tags: ['rules'], summary: 'Running rule version and the latest reload result', response: { 200: policyStatus, ...unavailable } },
  }, async () => policy().status());

  app.post('/rules/reload', {
    schema: { tags: ['rules'], summary: 'Reload the rule files now (a bad edit keeps the last good version)', response: { 200: policyStatus, ...unavailable } },
  }, async () => policy().reload());

  app.get('/schedules', {
    schema: { tags: ['schedules'], summary: 'Running schedule version, scheduler state and the latest reload result', response: { 200: scheduleStatus, ...unavailable } },
  }, async () => schedules().status());

  app.post('/schedules/reload', {
    schema: { tags: ['schedules'], summary: 'Reload the schedule files now', response: { 200: scheduleStatus, ...unavailable } },
  }, async () => schedules().reload());

  app.get('/schedules/next', {
    schema: { tags: ['schedules'], summary: 'The next occurrences over all schedules', querystring: nextQuery, response: { 200: nextOccurrences, ...unavailable } },
  }, async (req) => schedules().next((req.query as { count: number }).count, deps.vtn.ctx.now()));
}
