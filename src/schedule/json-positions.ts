// Line and column of every value in a JSON text, by JSON pointer, so problems can point at file:line:column.
import { COMMENT_SUGGESTION, COMMENTS_NOT_ALLOWED, jsonErrorOffset, startsComment } from '../config/json-comments.js';

export interface Position {
  line: number;
  column: number;
}

/** Parses `text`; returns the data and a lookup from JSON pointer to position, or the syntax error's position. */
export function parseWithPositions(text: string): { data: unknown; positionOf(pointer: string): Position } | { error: string; position: Position; suggestion?: string } {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    const offset = jsonErrorOffset(err);
    const position = positionAt(text, offset);
    if (startsComment(text, offset)) return { error: COMMENTS_NOT_ALLOWED, position, suggestion: COMMENT_SUGGESTION };
    return { error: (err as Error).message.replace(/ in JSON at position \d+.*$/, ''), position };
  }
  const offsets = new Map<string, number>();
  scanValue(text, skipSpace(text, 0), '', offsets);
  return {
    data,
    positionOf(pointer: string): Position {
      // Fall back to the nearest parent that exists (e.g. a missing property is reported on its object).
      for (let p = pointer; ; p = p.slice(0, p.lastIndexOf('/'))) {
        const offset = offsets.get(p);
        if (offset !== undefined) return positionAt(text, offset);
        if (p === '') return { line: 1, column: 1 };
      }
    },
  };
}

export function positionAt(text: string, offset: number): Position {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text[i] === '\n') {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

const escapePointer = (key: string): string => key.replace(/~/g, '~0').replace(/\//g, '~1');

function skipSpace(text: string, i: number): number {
  while (i < text.length && /\s/.test(text[i]!)) i++;
  return i;
}

function scanString(text: string, i: number): number {
  for (i++; text[i] !== '"'; i++) if (text[i] === '\\') i++;
  return i + 1;
}

/** Records the value at `i` under `pointer` and returns the index after it. The text is known to be valid JSON. */
function scanValue(text: string, i: number, pointer: string, out: Map<string, number>): number {
  out.set(pointer, i);
  const c = text[i];
  if (c === '"') return scanString(text, i);
  if (c === '{' || c === '[') {
    const close = c === '{' ? '}' : ']';
    let index = 0;
    i = skipSpace(text, i + 1);
    while (text[i] !== close) {
      let key = String(index++);
      if (c === '{') {
        const end = scanString(text, i);
        key = JSON.parse(text.slice(i, end)) as string;
        i = skipSpace(text, skipSpace(text, end) + 1);
      }
      i = skipSpace(text, scanValue(text, i, `${pointer}/${escapePointer(key)}`, out));
      if (text[i] === ',') i = skipSpace(text, i + 1);
    }
    return i + 1;
  }
  while (i < text.length && !/[\s,\]}]/.test(text[i]!)) i++;
  return i;
}
