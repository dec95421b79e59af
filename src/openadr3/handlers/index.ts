// Every 3.1 operation handler, by operationId; each object type keeps its own module.
import type { Oadr3Handlers } from '../http/handler-types.js';
import { eventHandlers } from './event-handlers.js';
import { notifierHandlers } from './notifier-handlers.js';
import { programHandlers } from './program-handlers.js';
import { reportHandlers } from './report-handlers.js';
import { resourceHandlers } from './resource-handlers.js';
import { subscriptionHandlers } from './subscription-handlers.js';
import { venHandlers } from './ven-handlers.js';

export const ALL_HANDLERS: Oadr3Handlers = {
  ...notifierHandlers,
  ...venHandlers,
  ...resourceHandlers,
  ...reportHandlers,
  ...programHandlers,
  ...eventHandlers,
  ...subscriptionHandlers,
};
