// Adding and removing catalogue entries for `vtn clients`: the file is rewritten whole, atomically.
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { VtnError } from '../../errors.js';
import { parseClientFile, type ClientEntry, type ClientFile } from './client-catalogue.js';
import type { ClientRole } from './scopes.js';
import { KNOWN_SCOPES } from './scopes.js';
import { hashSecret, newSecret } from './secret-hash.js';

const CLIENT_ID = /^[A-Za-z0-9._~-]{1,128}$/;

export function readClientFile(path: string): ClientFile {
  if (!existsSync(path)) return { $schema: '../schemas/clients.schema.json', clients: [] };
  return parseClientFile(readFileSync(path, 'utf8'), path);
}

function writeClientFile(path: string, file: ClientFile): void {
  mkdirSync(dirname(path), { recursive: true });
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, JSON.stringify(file, null, 2) + '\n', { mode: 0o600 });
  renameSync(tmp, path);
}

/** A clientID from the name: lower case, runs of other characters as '-'. */
export function clientIdFromName(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9._~-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 128);
}

export interface AddClientInput {
  name: string;
  role: ClientRole;
  clientID?: string;
  scopes?: string[];
  /** Certificate fingerprint that identifies the client over mutual TLS. */
  fingerprint?: string;
}

/** Adds a client with a fresh secret; returns the entry and the secret (shown once, never stored). */
export function addClient(path: string, input: AddClientInput): { entry: ClientEntry; secret: string } {
  const file = readClientFile(path);
  const clientID = input.clientID ?? clientIdFromName(input.name);
  if (!CLIENT_ID.test(clientID)) {
    throw new VtnError('E_CONFIG', `"${clientID}" cannot be a clientID.`, 'Use letters, digits and . _ ~ - (pass --client-id).');
  }
  if (file.clients.some((c) => c.clientID === clientID)) {
    throw new VtnError('E_CONFIG', `${path} has a client "${clientID}" already.`, 'Pass --client-id with another id, or `vtn clients remove` the old one first.');
  }
  const unknown = (input.scopes ?? []).filter((s) => !KNOWN_SCOPES.includes(s));
  if (unknown.length) throw new VtnError('E_CONFIG', `Unknown scope ${unknown.join(', ')}.`, `Scopes are ${KNOWN_SCOPES.join(', ')}.`);
  if (input.fingerprint && file.clients.some((c) => c.fingerprint === input.fingerprint)) {
    throw new VtnError('E_CONFIG', `${path} has a client with certificate ${input.fingerprint} already.`, 'One certificate identifies one client.');
  }
  const secret = newSecret();
  const entry: ClientEntry = { clientID, name: input.name, role: input.role, secretHash: hashSecret(secret), ...(input.scopes?.length ? { scopes: input.scopes } : {}), ...(input.fingerprint ? { fingerprint: input.fingerprint } : {}) };
  writeClientFile(path, { ...file, clients: [...file.clients, entry] });
  return { entry, secret };
}

export function removeClient(path: string, clientID: string): void {
  const file = readClientFile(path);
  if (!file.clients.some((c) => c.clientID === clientID)) throw new VtnError('E_CONFIG', `${path} has no client "${clientID}".`, 'See `vtn clients list`.');
  writeClientFile(path, { ...file, clients: file.clients.filter((c) => c.clientID !== clientID) });
}
