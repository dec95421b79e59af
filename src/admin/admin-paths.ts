// Where the admin server's documentation lives: known to the auth hook before the documentation itself is loaded.
export const OPENAPI_PATH = '/admin/openapi.json';
export const DOCS_PATH = '/admin/docs';
export const API_PREFIX = '/admin/v1';
