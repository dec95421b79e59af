// A VTN with the OpenADR 3.1 API on 127.0.0.1, clients in a temporary catalogue, and a client that checks
// every answer against openadr3.yaml (success bodies against the operation's schema, errors against `problem`).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Agent, fetch as undiciFetch } from 'undici';
import { expect } from 'vitest';
import { createVtn, type CreateVtnOptions, type VtnServer } from '../../src/index.js';
import { addClient } from '../../src/openadr3/auth/client-file-edits.js';
import type { ClientRole } from '../../src/openadr3/auth/scopes.js';
import { installOpenadr3, type InstallOpenadr3Options, type Openadr3Handle } from '../../src/openadr3/install-openadr3.js';
import type { Openadr3Config } from '../../src/openadr3/openadr3-settings.js';
import { operation } from '../../src/openadr3/spec/operations.js';
import { describeErrors, validatorFor, validatorForSchema } from '../../src/openadr3/spec/schema-validators.js';
import { servedSchema } from '../../src/openadr3/spec/served-schemas.js';
import type { Oadr3Handlers, Oadr3Request, Oadr3Services } from '../../src/openadr3/http/handler-types.js';
import type { Oadr3Change } from '../../src/openadr3/notify/change-feed.js';

export interface Oadr3Answer<T = unknown> {
  status: number;
  body: T;
  headers: Headers;
}

export interface Oadr3World {
  vtn: VtnServer;
  /** What installOpenadr3 returned (settings, base path, the webhook notifier). */
  openadr3: Openadr3Handle;
  /** http://127.0.0.1:port/openadr3/3.1.0 */
  base: string;
  clientsFile: string;
  /** Adds a client to the catalogue and returns its credentials. */
  addClient(name: string, role: ClientRole, scopes?: string[]): { clientID: string; secret: string };
  /** A token for a new client of this role (cached per name). */
  tokenFor(name: string, role: ClientRole): Promise<string>;
  /** Calls an operation and asserts its answer is valid against the document. */
  /** `tls`: the client certificate to connect with when the VTN serves mutual TLS. */
  call<T = unknown>(operationId: string, init: { token?: string; params?: Record<string, string>; query?: Record<string, string | string[]>; body?: unknown; tls?: Agent }): Promise<Oadr3Answer<T>>;
  close(): Promise<void>;
}

export async function startOadr3Vtn(options: { vtn?: CreateVtnOptions; openadr3?: Openadr3Config; install?: InstallOpenadr3Options } = {}): Promise<Oadr3World> {
  const dir = mkdtempSync(join(tmpdir(), 'oadr3-'));
  const clientsFile = join(dir, 'clients.json');
  const vtn = await createVtn({ inMemory: true, logger: false, host: '127.0.0.1', port: 0, ...options.vtn });
  const handle = installOpenadr3(vtn, { clientsFile, ...options.openadr3 }, options.install);
  const url = await vtn.listen();
  const base = `${new URL(url).origin}${handle.basePath}`;
  const tokens = new Map<string, string>();
  const world: Oadr3World = {
    vtn, openadr3: handle, base, clientsFile,
    addClient(name, role, scopes) {
      const { entry, secret } = addClient(clientsFile, { name, role, ...(scopes ? { scopes } : {}) });
      return { clientID: entry.clientID, secret };
    },
    async tokenFor(name, role) {
      const known = tokens.get(name);
      if (known) return known;
      const { clientID, secret } = world.addClient(name, role);
      const res = await fetch(`${base}/auth/token`, {
        method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ grant_type: 'client_credentials', client_id: clientID, client_secret: secret }),
      });
      const body = (await res.json()) as { access_token: string };
      expect(res.status).toBe(200);
      tokens.set(name, body.access_token);
      return body.access_token;
    },
    async call(operationId, init) {
      const op = operation(operationId);
      let path = op.path.replace(/\{(\w+)\}/g, (_m, name: string) => encodeURIComponent(init.params?.[name] ?? ''));
      const query = new URLSearchParams();
      for (const [k, v] of Object.entries(init.query ?? {})) for (const one of [v].flat()) query.append(k, one);
      if ([...query].length) path += `?${query}`;
      const request = {
        method: op.method.toUpperCase(),
        headers: { ...(init.token ? { authorization: `Bearer ${init.token}` } : {}), ...(init.body !== undefined ? { 'content-type': 'application/json' } : {}) },
        ...(init.body !== undefined ? { body: JSON.stringify(init.body) } : {}),
      };
      // undici's own fetch takes its Agent (the client certificate) as the dispatcher.
      const res = init.tls ? await undiciFetch(`${base}${path}`, { ...request, dispatcher: init.tls }) : await fetch(`${base}${path}`, request);
      const text = await res.text();
      const body: unknown = text ? JSON.parse(text) : undefined;
      expectValidAnswer(operationId, res.status, body);
      return { status: res.status, body: body as never, headers: res.headers };
    },
    async close() {
      await vtn.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return world;
}

/** Success bodies against the operation's response schema (ven/resource as served-schemas.ts says), every other answer against `problem`. */
export function expectValidAnswer(operationId: string, status: number, body: unknown): void {
  const op = operation(operationId);
  const schema = op.responses[String(status)];
  const validate = status < 300 && schema ? validatorForSchema(`response:${operationId}:${status}`, servedSchema(schema)) : validatorFor('problem');
  if (!validate(body)) {
    throw new Error(`${operationId} answered ${status} with a body openadr3.yaml refuses: ${describeErrors(validate.errors).map((p) => `${p.path} ${p.message}`).join('; ')}\n${JSON.stringify(body).slice(0, 500)}`);
  }
  if (status >= 400) expect((body as { status: number }).status).toBe(status);
}

/** The handlers with a change feed that records what they publish (one services object per installed API, kept). */
export function recordingChanges(handlers: Oadr3Handlers, into: Oadr3Change[]): Oadr3Handlers {
  const recorder = { publish: (change: Oadr3Change) => void into.push(change) };
  const wrapped = new WeakMap<Oadr3Services, Oadr3Services>();
  const servicesFor = (s: Oadr3Services) => {
    let w = wrapped.get(s);
    if (!w) wrapped.set(s, (w = { ...s, changes: recorder }));
    return w;
  };
  return Object.fromEntries(Object.entries(handlers).map(([id, h]) => [id, (s: Oadr3Services, r: Oadr3Request) => h!(servicesFor(s), r)]));
}

/** A telemetry rule file that logs any VEN (2.0b or 3.1) whose latest powerReal is over 100 (kW). */
export const OVER_100_KW_RULE = {
  trigger: 'telemetry',
  rules: [{
    name: 'over 100 kW', priority: 1,
    conditions: { all: [{ fact: 'ven.latest', params: { measurement: 'powerReal' }, operator: 'greaterThan', value: 100 }] },
    then: { log: { level: 'warn', message: 'a VEN draws over 100 kW' } },
  }],
};
