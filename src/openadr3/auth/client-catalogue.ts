// config/clients.json: who may trade a client secret for a token. Re-read when the file changes; a bad edit keeps the last good list.
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { PACKAGE_ROOT } from '../../config/load-config.js';
import { VtnError } from '../../errors.js';
import type { Logger } from '../../vtn/context.js';
import type { ClientRole } from './scopes.js';
import { STARTUP_AJV_OPTIONS } from '../../config/ajv-startup-options.js';

export interface ClientEntry {
  clientID: string;
  name: string;
  role: ClientRole;
  secretHash: string;
  scopes?: string[];
  disabled?: boolean;
  /** The client certificate (OpenADR fingerprint) that identifies this client over mutual TLS. */
  fingerprint?: string;
}

export interface ClientFile {
  $schema?: string;
  clients: ClientEntry[];
}

export const CLIENTS_SCHEMA_PATH = join(PACKAGE_ROOT, 'schemas', 'clients.schema.json');

let validateFile: ((data: unknown) => boolean) & { errors?: { instancePath: string; message?: string }[] | null } | undefined;

/** Parses and validates a catalogue's text; throws E_CONFIG naming the file and each problem. */
export function parseClientFile(text: string, path: string): ClientFile {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    throw new VtnError('E_CONFIG', `${path} is not valid JSON: ${(err as Error).message}.`, 'Fix the syntax, or rewrite the file with `vtn clients add`.');
  }
  validateFile ??= new Ajv({ ...STARTUP_AJV_OPTIONS, allErrors: true }).compile(JSON.parse(readFileSync(CLIENTS_SCHEMA_PATH, 'utf8')));
  if (!validateFile(data)) {
    const problems = (validateFile.errors ?? []).map((e) => `${e.instancePath || '(top level)'} ${e.message ?? 'is invalid'}`);
    throw new VtnError('E_CONFIG', `${path} is invalid: ${problems.join('; ')}.`, 'See schemas/clients.schema.json.');
  }
  const file = data as ClientFile;
  const seen = new Set<string>();
  for (const c of file.clients) {
    if (seen.has(c.clientID)) throw new VtnError('E_CONFIG', `${path}: clientID "${c.clientID}" appears twice.`, 'Give each client its own clientID.');
    seen.add(c.clientID);
    if (c.fingerprint && file.clients.some((o) => o !== c && o.fingerprint === c.fingerprint)) {
      throw new VtnError('E_CONFIG', `${path}: fingerprint ${c.fingerprint} belongs to two clients.`, 'One certificate identifies one client.');
    }
  }
  return file;
}

const RECHECK_HIT_MS = 1000;

export class ClientCatalogue {
  #byId = new Map<string, ClientEntry>();
  #byFingerprint = new Map<string, ClientEntry>();
  /** mtime and size of the file last read: a change of either is an edit. */
  #seen = '';
  /** performance.now() of the last look at the file. */
  #checkedAt = -Infinity;

  constructor(readonly path: string, private readonly log: Logger) {
    this.#refresh(true);
  }

  /** The enabled client with this clientID, after picking up an edited file. */
  find(clientID: string): ClientEntry | undefined {
    return this.#lookup(() => this.#byId, clientID);
  }

  /**
   * The enabled client with this clientID as of the last look at the file (at most a second old): for checks on
   * every request, where a miss (a token of an external issuer, a client since removed) must not stat the file each time.
   */
  recent(clientID: string): ClientEntry | undefined {
    if (performance.now() - this.#checkedAt >= RECHECK_HIT_MS) this.#refresh(false);
    const entry = this.#byId.get(clientID);
    return entry && !entry.disabled ? entry : undefined;
  }

  /** The enabled client whose certificate has this fingerprint. */
  findByFingerprint(fingerprint: string): ClientEntry | undefined {
    return this.#lookup(() => this.#byFingerprint, fingerprint);
  }

  // The file is looked at on every miss (a client just added gets its token at once) but at most once a second
  // for a hit: one stat per authenticated 3.1 request was 5 % of the VTN's CPU at 1,000 requests/s. A client
  // disabled or removed in the file is refused within that second.
  #lookup(map: () => Map<string, ClientEntry>, key: string): ClientEntry | undefined {
    const stale = performance.now() - this.#checkedAt >= RECHECK_HIT_MS;
    if (stale) this.#refresh(false);
    let entry = map().get(key);
    if (!entry && !stale) {
      this.#refresh(false);
      entry = map().get(key);
    }
    return entry && !entry.disabled ? entry : undefined;
  }

  get size(): number {
    return this.#byId.size;
  }

  #refresh(atStart: boolean): void {
    this.#checkedAt = performance.now();
    let seen: string;
    try {
      const st = statSync(this.path);
      seen = `${st.mtimeMs}:${st.size}`;
    } catch {
      if (this.#byId.size > 0) this.log.warn({ path: this.path }, 'OpenADR 3 client catalogue removed: no client can get a token now');
      this.#byId.clear();
      this.#byFingerprint.clear();
      this.#seen = '';
      return;
    }
    if (seen === this.#seen) return;
    try {
      const file = parseClientFile(readFileSync(this.path, 'utf8'), this.path);
      this.#byId = new Map(file.clients.map((c) => [c.clientID, c]));
      this.#byFingerprint = new Map(file.clients.filter((c) => c.fingerprint).map((c) => [c.fingerprint!, c]));
      this.#seen = seen;
      this.log.info({ path: this.path, clients: this.#byId.size }, 'OpenADR 3 client catalogue loaded');
    } catch (err) {
      if (atStart) throw err;
      // Keep serving the last good catalogue; the next change to the file is tried again.
      this.#seen = seen;
      this.log.error({ err, path: this.path }, 'OpenADR 3 client catalogue edit rejected; the previous catalogue stays in use');
    }
  }
}
