// A policy file as text plus its parse tree, so any JSON path can be turned into line:column.
import { findNodeAtLocation, getNodeValue, parseTree, printParseErrorCode, type Node, type ParseError } from 'jsonc-parser';
import { COMMENT_SUGGESTION, COMMENTS_NOT_ALLOWED } from '../../config/json-comments.js';
import type { Problem } from './problem.js';

export type JsonPath = (string | number)[];

export interface JsonSource {
  /** Path as shown to the user (relative to the checked folder). */
  file: string;
  text: string;
  data: unknown;
  tree: Node | undefined;
  /** Syntax errors. `data` is undefined when there is any, except comments: the rest of such a file is still checked. */
  problems: Problem[];
}

export function parseJsonSource(file: string, text: string): JsonSource {
  const errors: ParseError[] = [];
  // Strict JSON: comments and trailing commas are errors, as JSON.parse (vtn start, the schedules) would say.
  const tree = parseTree(text, errors, { disallowComments: true, allowTrailingComma: false });
  const problems = errors.map((e): Problem => ({ file, ...lineColumn(text, e.offset), code: 'P_JSON', severity: 'error', ...syntaxMessage(e) }));
  let data: unknown;
  if (problems.length === 0) data = JSON.parse(text);
  // A comment is skipped exactly by the parser, so the values around it are what the analyst meant.
  else if (tree && errors.every(isComment)) data = getNodeValue(tree);
  return { file, text, data, tree, problems };
}

const isComment = (e: ParseError): boolean => printParseErrorCode(e.error) === 'InvalidCommentToken';

function syntaxMessage(e: ParseError): { message: string; suggestion: string } {
  if (isComment(e)) {
    return { message: COMMENTS_NOT_ALLOWED, suggestion: COMMENT_SUGGESTION };
  }
  return {
    message: `JSON syntax: ${describeParseError(printParseErrorCode(e.error))}`,
    suggestion: 'a missing comma, quote or bracket just before this point is the usual cause',
  };
}

function describeParseError(code: string): string {
  return code.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
}

export function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

/** Position of the value at `path`; with `key`, of its property name. Falls back to the nearest existing parent. */
export function positionOf(src: JsonSource, path: JsonPath, key = false): { line: number; column: number } {
  if (!src.tree) return { line: 1, column: 1 };
  for (let n = path.length; n >= 0; n--) {
    const node = findNodeAtLocation(src.tree, path.slice(0, n));
    if (!node) continue;
    const keyNode = key && n === path.length && node.parent?.type === 'property' ? node.parent.children?.[0] : undefined;
    return lineColumn(src.text, (keyNode ?? node).offset);
  }
  return { line: 1, column: 1 };
}

/** Turns an Ajv instancePath (/rules/0/then) into path segments. */
export function pointerToPath(pointer: string): JsonPath {
  if (pointer === '') return [];
  return pointer.slice(1).split('/').map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~')).map((s) => (/^\d+$/.test(s) ? Number(s) : s));
}
