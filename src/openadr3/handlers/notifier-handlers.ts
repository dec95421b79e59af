// GET /notifiers: webhooks are offered; MQTT is not (no `MQTT` binding is listed, so its topic routes answer 501).
import type { Oadr3Handlers } from '../http/handler-types.js';

export const notifierHandlers: Oadr3Handlers = {
  listAllNotifiers: async () => ({ status: 200, body: { WEBHOOK: true } }),
};
