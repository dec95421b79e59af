// Problem bodies (the document's `problem` schema) for every 4xx/5xx answer of the 3.1 API.

const TITLES: Record<number, string> = {
  400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found', 409: 'Conflict',
  413: 'Payload Too Large', 415: 'Unsupported Media Type', 429: 'Too Many Requests', 500: 'Internal Server Error', 501: 'Not Implemented', 503: 'Service Unavailable',
};

export interface ProblemBody {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance?: string;
}

/** Thrown by 3.1 handlers; the plugin's error handler answers it as a Problem with this status. */
export class Oadr3Problem extends Error {
  constructor(readonly status: number, readonly detail: string, readonly extra: Record<string, unknown> = {}) {
    super(detail);
    this.name = 'Oadr3Problem';
  }
}

export function problemBody(status: number, detail: string, instance?: string): ProblemBody {
  return { type: 'about:blank', title: TITLES[status] ?? 'Error', status, detail, ...(instance ? { instance } : {}) };
}

export const badRequest = (detail: string): Oadr3Problem => new Oadr3Problem(400, detail);
export const notFound = (what: string, id: string): Oadr3Problem => new Oadr3Problem(404, `no ${what} with id "${id}" (or it is not visible to this client)`);
export const forbidden = (detail: string): Oadr3Problem => new Oadr3Problem(403, detail);
export const conflict = (detail: string): Oadr3Problem => new Oadr3Problem(409, detail);
