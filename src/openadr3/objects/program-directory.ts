// Every program a 3.1 client can read: the catalogue's (and the default market context) first, then those created over 3.1.
import type { Unit } from '../../store/store.js';
import type { Oadr3Services } from '../http/handler-types.js';
import { OA3, type StoredObject } from './oa3-collections.js';
import { API_MARKET_CONTEXT_PREFIX, CatalogueProgramBook, type Oa3Program, type ProgramEntry } from './program-catalogue.js';

export type StoredProgram = StoredObject<Oa3Program>;

// One book per installed API (the services object), so each VTN keeps its own catalogue times.
const books = new WeakMap<Oadr3Services, CatalogueProgramBook>();

/** One unit of work of a 3.1 handler, named in conflict errors and logs. */
export const unit = <T>(services: Oadr3Services, label: string, fn: (u: Unit) => Promise<T>): Promise<T> => services.vtn.store.unit(fn, { label });

export const apiMarketContext = (programID: string): string => `${API_MARKET_CONTEXT_PREFIX}${programID}`;

/** The served program: the stored one without who created it (BL-created programs need no owner on the wire). */
export function servedProgram(stored: StoredProgram): Oa3Program {
  const { clientID: _owner, ...program } = stored;
  return program;
}

export function apiEntry(stored: StoredProgram): ProgramEntry {
  return { program: servedProgram(stored), marketContext: apiMarketContext(stored.id), source: 'api' };
}

export function catalogueEntries(services: Oadr3Services): ProgramEntry[] {
  let book = books.get(services);
  if (!book) books.set(services, (book = new CatalogueProgramBook()));
  return book.entries(services.catalogue?.(), services.vtn.ctx.settings.defaultMarketContext, services.now());
}

export async function programById(services: Oadr3Services, u: Unit, programID: string): Promise<ProgramEntry | undefined> {
  const fixed = catalogueEntries(services).find((e) => e.program.id === programID);
  if (fixed) return fixed;
  const stored = await u.collection<StoredProgram>(OA3.programs).get(programID);
  return stored ? apiEntry(stored) : undefined;
}

/** The program that owns a name, catalogue or stored (names are unique across both). */
export async function programByName(services: Oadr3Services, u: Unit, programName: string): Promise<ProgramEntry | undefined> {
  const fixed = catalogueEntries(services).find((e) => e.program.programName === programName);
  if (fixed) return fixed;
  const [stored] = await u.collection<StoredProgram>(OA3.programs).find('programName', programName, { limit: 1 });
  return stored ? apiEntry(stored) : undefined;
}

/** Every program: catalogue ones in catalogue order, then stored ones in id order. */
export async function allPrograms(services: Oadr3Services, u: Unit): Promise<ProgramEntry[]> {
  const stored = await u.collection<StoredProgram>(OA3.programs).list();
  return [...catalogueEntries(services), ...stored.map((r) => apiEntry(r.value))];
}

/** The programID of an event's market context; undefined for a market context no program has. */
export function programIdOfMarketContext(services: Oadr3Services, marketContext: string): string | undefined {
  if (marketContext.startsWith(API_MARKET_CONTEXT_PREFIX)) return marketContext.slice(API_MARKET_CONTEXT_PREFIX.length);
  return catalogueEntries(services).find((e) => e.marketContext === marketContext)?.program.id;
}
