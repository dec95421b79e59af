// Operator re-binding of a venID to a new client certificate (a replaced device); registering never moves it.
import type { FastifyInstance } from 'fastify';
import type { AdminDeps } from '../admin-deps.js';
import { errorResponses, venIdParams } from '../schemas/common.js';

const fingerprintBody = {
  type: 'object',
  additionalProperties: false,
  required: ['fingerprint'],
  properties: {
    fingerprint: {
      type: 'string',
      pattern: '^([0-9A-Fa-f]{2}:){9}[0-9A-Fa-f]{2}$',
      description: 'The new certificate fingerprint, as `vtn fingerprint ven.crt` prints it (AA:BB:…, 10 pairs).',
    },
  },
} as const;

const rebound = {
  type: 'object',
  properties: {
    venId: { type: 'string' },
    fingerprint: { type: 'string' },
    previous: { type: ['string', 'null'], description: 'The fingerprint it replaced; null when the VEN had none.' },
  },
} as const;

export function registerRebindRoute(app: FastifyInstance, deps: AdminDeps): void {
  app.put('/vens/:venId/fingerprint', {
    schema: {
      tags: ['vens'],
      summary: 'Re-bind the VEN to another client certificate; from now on only that certificate speaks for the venID (audited)',
      params: venIdParams, body: fingerprintBody, response: { 200: rebound, ...errorResponses },
    },
  }, async (req) => {
    const { venId } = req.params as { venId: string };
    const { fingerprint } = req.body as { fingerprint: string };
    const previous = (await deps.vtn.getVen(venId))?.fingerprint ?? null;
    const ven = await deps.vtn.rebindVen(venId, fingerprint);
    return { venId, fingerprint: ven.fingerprint, previous };
  });
}
