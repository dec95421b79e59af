// Key material comes either inline (PEM text, Buffer) or as a file path; both end up as PEM/DER for node:tls.
import { readFileSync } from 'node:fs';
import { VtnError } from '../errors.js';

/** PEM text, DER/PEM bytes, or a path to a file holding them (relative to the working directory). */
export type PemInput = string | Buffer;

export function readPem(input: PemInput, what: string): string | Buffer {
  if (Buffer.isBuffer(input)) return input;
  if (typeof input !== 'string' || input.trim() === '') {
    throw new VtnError('E_CONFIG', `${what} is empty.`, 'Give a file path or PEM text.');
  }
  if (input.includes('-----BEGIN ')) return input;
  try {
    return readFileSync(input);
  } catch (err) {
    throw new VtnError('E_CONFIG', `Cannot read ${what} from ${input}: ${(err as Error).message}.`, 'Paths are relative to the working directory; `vtn certs <dir>` makes test certificates.');
  }
}

export function readPemList(input: PemInput | PemInput[] | undefined, what: string): (string | Buffer)[] {
  if (input === undefined) return [];
  const list = Array.isArray(input) ? input : [input];
  return list.map((item, i) => readPem(item, list.length > 1 ? `${what}[${i}]` : what));
}
