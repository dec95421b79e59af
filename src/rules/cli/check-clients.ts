// `vtn check` on the OpenADR 3 client catalogue (config/clients.json, or openadr3.clientsFile of config/vtn.json).
import { existsSync, readFileSync } from 'node:fs';
import { isAbsolute, join, relative, resolve } from 'node:path';
import { parseJsonSource, positionOf, type JsonSource } from '../files/json-source.js';
import type { Problem } from '../files/problem.js';
import { validateAgainstSchema } from '../schemas/schema-validator.js';

/** The catalogue's path: the one config/vtn.json names, else config/clients.json. */
export function clientsPath(root: string, configDir: string): string {
  const vtnJson = join(configDir, 'vtn.json');
  let named: unknown;
  try {
    named = existsSync(vtnJson) ? (JSON.parse(readFileSync(vtnJson, 'utf8')) as { openadr3?: { clientsFile?: unknown } }).openadr3?.clientsFile : undefined;
  } catch {
    // vtn.json's own syntax error is reported by its check.
  }
  if (typeof named === 'string' && named.length > 0) return isAbsolute(named) ? named : resolve(root, named);
  return join(configDir, 'clients.json');
}

export function checkClientFile(path: string, root: string): Problem[] {
  if (!existsSync(path)) return [];
  const src = parseJsonSource(relative(root, path), readFileSync(path, 'utf8'));
  const problems = [...src.problems, ...validateAgainstSchema(src, 'clients').map(plainWords)];
  return [...problems, ...duplicates(src)];
}

// Ajv's "must match pattern ^scrypt…" says nothing to an operator who pasted a secret in.
function plainWords(p: Problem): Problem {
  if (!/\.secretHash must match pattern/.test(p.message)) return p;
  return { ...p, message: `${p.message.split(' must match')[0]} is not a secret hash: the file keeps only scrypt hashes, never secrets`, suggestion: 'remove the entry and run `vtn clients add NAME --role ven|bl`, which writes the hash and prints the secret once' };
}

function duplicates(src: JsonSource): Problem[] {
  const clients = (src.data as { clients?: unknown })?.clients;
  if (!Array.isArray(clients)) return [];
  const first = new Map<string, number>();
  const out: Problem[] = [];
  clients.forEach((c: { clientID?: unknown }, i) => {
    if (typeof c?.clientID !== 'string') return;
    const earlier = first.get(c.clientID);
    if (earlier === undefined) {
      first.set(c.clientID, i);
      return;
    }
    const at = positionOf(src, ['clients', earlier, 'clientID']);
    out.push({
      file: src.file, ...positionOf(src, ['clients', i, 'clientID']), code: 'P_SCHEMA', severity: 'error',
      message: `clientID "${c.clientID}" appears twice (first at line ${at.line}): the VTN would refuse the file`,
      suggestion: 'give each client its own clientID',
    });
  });
  return out;
}
