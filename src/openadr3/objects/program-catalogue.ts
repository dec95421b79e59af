// The VTN catalogue's programs (config/programs.json, market contexts) as read-only 3.1 program objects.
import { createHash } from 'node:crypto';
import type { ObjectMetadata } from './oa3-collections.js';

/** What the 3.1 API reads of the rules layer's catalogue (typed by shape: openadr3 does not import rules). */
export interface ProgramCatalogue {
  readonly programs: readonly { name: string; marketContext: string; description?: string }[];
  readonly vens: readonly { venName: string; venId?: string; groups?: string[]; programs?: string[] }[];
}

export interface Oa3Program extends ObjectMetadata {
  programName: string;
  targets?: string[] | null;
  [field: string]: unknown;
}

/** Where a program comes from: config/programs.json, the VTN's default market context, or the 3.1 API. */
export type ProgramSource = 'catalogue' | 'default' | 'api';

export interface ProgramEntry {
  program: Oa3Program;
  marketContext: string;
  source: ProgramSource;
  /** The catalogue's program name (catalogue and default programs), for its member VENs. */
  catalogueName?: string;
}

const OBJECT_ID = /^[a-zA-Z0-9_-]{1,128}$/;
/** Market context of a program created over 3.1: the programID is read back from it without a look-up. */
export const API_MARKET_CONTEXT_PREFIX = 'urn:openadr3:program:';
/** programID/programName of the VTN's default market context (events that name no program use it). */
export const DEFAULT_PROGRAM_ID = 'default';

/** A catalogue name as an objectID: the name itself when URL-safe, else a stable digest of it. */
export function programIdOf(name: string): string {
  return OBJECT_ID.test(name) ? name : `p-${createHash('sha256').update(name).digest('hex').slice(0, 24)}`;
}

/**
 * Catalogue programs with metadata: created when first seen by this process, modified when their catalogue
 * entry changed (a hot-reloaded config/programs.json). Bounded by the catalogue's size.
 */
export class CatalogueProgramBook {
  #seen = new Map<string, { key: string; created: string; modified: string }>();
  #last: { catalogue: ProgramCatalogue | undefined; defaultMarketContext: string; entries: ProgramEntry[] } | undefined;

  entries(catalogue: ProgramCatalogue | undefined, defaultMarketContext: string, now: Date): ProgramEntry[] {
    if (this.#last && this.#last.catalogue === catalogue && this.#last.defaultMarketContext === defaultMarketContext) return this.#last.entries;
    const at = now.toISOString();
    const entries: ProgramEntry[] = [];
    const next = new Map<string, { key: string; created: string; modified: string }>();
    const add = (name: string, marketContext: string, source: ProgramSource, description?: string) => {
      const id = programIdOf(name);
      if (next.has(id)) return;
      const key = JSON.stringify([name, marketContext, description ?? null]);
      const before = this.#seen.get(id);
      const times = before ? (before.key === key ? before : { key, created: before.created, modified: at }) : { key, created: at, modified: at };
      next.set(id, times);
      const program: Oa3Program = { id, createdDateTime: times.created, modificationDateTime: times.modified, objectType: 'PROGRAM', programName: name };
      // The catalogue's free-text description has no 3.1 field of its own: it travels as an attribute.
      if (description) program.attributes = [{ type: 'DESCRIPTION', values: [description] }];
      entries.push({ program, marketContext, source, ...(source === 'catalogue' ? { catalogueName: name } : {}) });
    };
    for (const p of catalogue?.programs ?? []) add(p.name, p.marketContext, 'catalogue', p.description);
    if (!entries.some((e) => e.marketContext === defaultMarketContext)) add(DEFAULT_PROGRAM_ID, defaultMarketContext, 'default', 'Events that name no program (the VTN\'s default market context)');
    this.#seen = next;
    this.#last = { catalogue, defaultMarketContext, entries };
    return entries;
  }
}
