// Numeric text from a VEN -> number, refusing what could not be stored or compared faithfully (requirements §9):
// NaN, INF, values beyond ±1e300, hex, empty, a lone sign, spaces inside. Leading/trailing whitespace is XML's.
import { clipText } from '../clip-text.js';
import { MAX_ABS_NUMBER, MAX_UNSIGNED_INT } from './decode-limits.js';
import { PayloadFieldError } from './wire-error.js';
import { trimXmlSpace } from './xml-names.js';

export type NumberKind = 'float' | 'decimal' | 'integer' | 'unsignedInt';

const LEXICAL: Record<NumberKind, RegExp> = {
  float: /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/,
  decimal: /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)$/,
  integer: /^[+-]?\d+$/,
  unsignedInt: /^\+?\d+$/,
};

const EXPECTED: Record<NumberKind, string> = {
  float: 'a finite number such as 12.5 or 1.2E3 (NaN and INF are refused)',
  decimal: 'a decimal number such as 60 or 230.5',
  integer: 'a whole number',
  unsignedInt: `a whole number from 0 to ${MAX_UNSIGNED_INT}`,
};

/** What a value of `kind` must look like, in plain words (for refusals). */
export function expectedNumber(kind: NumberKind): string {
  return EXPECTED[kind];
}

export interface NumberRange {
  min?: number;
  max?: number;
}

// 1e300, not 1e+300.
const plain = (n: number): string => String(n).replace('e+', 'e');

/** Parses `text` as an XSD number of `kind` within ±1e300 (and `range` when given); else a PayloadFieldError at `path`. */
export function parseNumberText(text: string, path: string, kind: NumberKind, range: NumberRange = {}): number {
  // XML whitespace only: a no-break space (which JavaScript's trim() would drop) is not part of an XSD number.
  const t = trimXmlSpace(text);
  if (!LEXICAL[kind].test(t)) throw new PayloadFieldError(path, `"${clipText(text)}" is not ${expectedNumber(kind)}`);
  const n = Number(t);
  const min = range.min ?? (kind === 'unsignedInt' ? 0 : -MAX_ABS_NUMBER);
  const max = range.max ?? (kind === 'unsignedInt' ? MAX_UNSIGNED_INT : MAX_ABS_NUMBER);
  // 1e999 reads as Infinity and 400 digits as 1e400: both fail here, as does anything past the field's own range.
  if (!(n >= min && n <= max)) throw new PayloadFieldError(path, `${clipText(t)} is outside ${plain(min)} to ${plain(max)}`);
  if ((kind === 'integer' || kind === 'unsignedInt') && !Number.isSafeInteger(n)) {
    throw new PayloadFieldError(path, `${clipText(t)} is too large to hold exactly`);
  }
  return n;
}
