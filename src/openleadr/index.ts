// openadr-vtn/openleadr: code written for OpenLEADR's VTN keeps its names, arguments and return shapes.
export { OpenADRServer } from './server.js';
export type { ServerKeywords } from './server-options.js';
export { enable_default_logging, type LogLevel } from './logging.js';
export { OPENLEADR_HANDLER_NAMES } from './add-handler.js';
export * as objects from './objects.js';
export * as utils from './utils.js';
export type * from './types.js';
