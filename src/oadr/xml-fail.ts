// E_XML refusals of the reader, with the line and column of the first problem when there is one.
import { OadrWireError } from './wire-error.js';

export function fail(reason: string): never {
  throw new OadrWireError('E_XML', reason);
}

/** Counts lines only once, when refusing: one indexOf pass up to `pos`. */
export function notWellFormed(xml: string, pos: number, reason: string): never {
  let line = 1;
  let lineStart = 0;
  for (let k = xml.indexOf('\n'); k >= 0 && k < pos; k = xml.indexOf('\n', k + 1)) {
    line += 1;
    lineStart = k + 1;
  }
  return fail(`not well-formed XML at line ${line}, column ${pos - lineStart + 1}: ${reason}`);
}
