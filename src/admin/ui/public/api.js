// Calls the admin API with the operator's bearer token (kept in sessionStorage, so it ends with the tab).
const TOKEN_KEY = 'openadr-vtn-admin-token';

export class ApiError extends Error {
  constructor(status, code, message, hint) {
    super(message);
    this.status = status;
    this.code = code;
    this.hint = hint;
  }
}

export const tokenStore = {
  get: () => sessionStorage.getItem(TOKEN_KEY) ?? '',
  set: (token) => sessionStorage.setItem(TOKEN_KEY, token),
  clear: () => sessionStorage.removeItem(TOKEN_KEY),
};

function queryString(query) {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query ?? {})) if (v !== undefined && v !== '') params.set(k, String(v));
  const text = params.toString();
  return text ? `?${text}` : '';
}

export function createApi(prefix) {
  async function call(method, path, { query, body } = {}) {
    const headers = { accept: 'application/json' };
    const token = tokenStore.get();
    if (token) headers.authorization = `Bearer ${token}`;
    if (body !== undefined) headers['content-type'] = 'application/json';
    let res;
    try {
      res = await fetch(`${prefix}${path}${queryString(query)}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    } catch (err) {
      throw new ApiError(0, 'E_NETWORK', `the VTN admin server did not answer (${err.message})`);
    }
    const data = await res.json().catch(() => undefined);
    if (!res.ok) throw new ApiError(res.status, data?.code ?? `HTTP_${res.status}`, data?.message ?? res.statusText, data?.hint);
    return data;
  }
  return {
    get: (path, query) => call('GET', path, { query }),
    post: (path, body) => call('POST', path, { body: body ?? {} }),
  };
}

/** One line for an operator: the message, what to do (once: VTN messages often carry the hint already), and the code. */
export function describeError(err) {
  if (!(err instanceof ApiError)) return String(err?.message ?? err);
  const hint = err.hint && !err.message.includes(err.hint) ? ` — ${err.hint}` : '';
  return `${err.message}${hint} (${err.code})`;
}
