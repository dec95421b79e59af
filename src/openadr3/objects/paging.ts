// skip/limit as the document defines them (limit 0–50); every list answer goes through here.
import { badRequest } from '../http/problem.js';

export const MAX_LIMIT = 50;

export interface Page {
  skip: number;
  limit: number;
}

function integer(value: string | string[] | undefined, name: string, max: number): number | undefined {
  if (value === undefined) return undefined;
  const text = Array.isArray(value) ? value[0] : value;
  const n = Number(text);
  if (!/^\d+$/.test(String(text)) || n > max) throw badRequest(`${name} must be an integer 0–${max}, got "${String(text).slice(0, 32)}"`);
  return n;
}

export function pageOf(query: Record<string, string | string[] | undefined>): Page {
  return { skip: integer(query.skip, 'skip', 2_147_483_647) ?? 0, limit: integer(query.limit, 'limit', MAX_LIMIT) ?? MAX_LIMIT };
}

/** The repeated query parameter as a list (`targets=a&targets=b`, or one comma-free value). */
export function listParam(value: string | string[] | undefined): string[] {
  if (value === undefined) return [];
  return (Array.isArray(value) ? value : [value]).filter((v) => v.length > 0);
}
