// /programs: the catalogue's programs (read-only) and those BL creates over 3.1 (collection oa3Programs).
import type { Oadr3Handlers, Oadr3Services } from '../http/handler-types.js';
import { conflict, forbidden, notFound } from '../http/problem.js';
import { OA3 } from '../objects/oa3-collections.js';
import { newMetadata, updated, withoutMetadata } from '../objects/object-metadata.js';
import { listParam, pageOf } from '../objects/paging.js';
import { targetView, visibleTo, withShownTargets } from '../objects/event-targets.js';
import type { Oa3Program, ProgramEntry } from '../objects/program-catalogue.js';
import { allPrograms, programById, programByName, servedProgram, unit, type StoredProgram } from '../objects/program-directory.js';
import type { Unit } from '../../store/store.js';

/** The programRequest as validated by the plugin. */
interface ProgramBody {
  programName: string;
  targets?: string[] | null;
  [field: string]: unknown;
}

/** Catalogue programs are configuration: changed in config/programs.json (hot-reloaded), never over the API. */
function assertWritable(entry: ProgramEntry): void {
  if (entry.source === 'api') return;
  throw forbidden(entry.source === 'catalogue'
    ? `program "${entry.program.programName}" comes from the VTN catalogue: edit config/programs.json (reloaded while running) to change or remove it`
    : `program "${entry.program.programName}" is the VTN's default market context: set defaultMarketContext in config/vtn.json to change it`);
}

async function assertNameFree(services: Oadr3Services, u: Unit, programName: string, ownID?: string): Promise<void> {
  const holder = await programByName(services, u, programName);
  if (holder && holder.program.id !== ownID) throw conflict(`programName "${programName}" is taken by program ${holder.program.id}: program names are unique on a VTN`);
}

export const programHandlers: Oadr3Handlers = {
  async searchAllPrograms(services, req) {
    const page = pageOf(req.query);
    const found = await unit(services, 'oa3 searchAllPrograms', async (u) => {
      const view = await targetView(req.principal, listParam(req.query.targets), (id) => services.reads.grants.of(id));
      const visible = (await allPrograms(services, u)).filter((e) => visibleTo(view, e.program.targets));
      return visible.slice(page.skip, page.skip + page.limit).map((e) => withShownTargets(view, e.program));
    });
    return { status: 200, body: found };
  },

  async searchProgramByProgramId(services, req) {
    const id = req.params.programID ?? '';
    const program = await unit(services, 'oa3 searchProgramByProgramId', async (u) => {
      const entry = await programById(services, u, id);
      const view = await targetView(req.principal, listParam(req.query.targets), (id) => services.reads.grants.of(id));
      return entry && visibleTo(view, entry.program.targets) ? withShownTargets(view, entry.program) : undefined;
    });
    if (!program) throw notFound('program', id);
    return { status: 200, body: program };
  },

  async createProgram(services, req) {
    const body = withoutMetadata(req.body as ProgramBody) as ProgramBody;
    const stored = await unit(services, 'oa3 createProgram', async (u) => {
      await assertNameFree(services, u, body.programName);
      const program: StoredProgram = { ...body, ...newMetadata('PROGRAM', services.now()), clientID: req.principal.clientID };
      u.collection<StoredProgram>(OA3.programs).create(program.id, program);
      return program;
    });
    const served = servedProgram(stored);
    services.changes.publish({ objectType: 'PROGRAM', operation: 'CREATE', object: served });
    return { status: 201, body: served };
  },

  async updateProgram(services, req) {
    const id = req.params.programID ?? '';
    const body = req.body as ProgramBody;
    const stored = await unit(services, 'oa3 updateProgram', async (u) => {
      const entry = await programById(services, u, id);
      if (!entry) throw notFound('program', id);
      assertWritable(entry);
      await assertNameFree(services, u, body.programName, id);
      const repo = u.collection<StoredProgram>(OA3.programs);
      const before = (await repo.get(id))!;
      const next = { ...updated(before, body, services.now()), ...(before.clientID ? { clientID: before.clientID } : {}) } as StoredProgram;
      repo.put(id, next);
      return next;
    });
    const served = servedProgram(stored);
    services.changes.publish({ objectType: 'PROGRAM', operation: 'UPDATE', object: served });
    return { status: 200, body: served };
  },

  async deleteProgram(services, req) {
    const id = req.params.programID ?? '';
    const stored = await unit(services, 'oa3 deleteProgram', async (u) => {
      const entry = await programById(services, u, id);
      if (!entry) throw notFound('program', id);
      assertWritable(entry);
      const repo = u.collection<StoredProgram>(OA3.programs);
      const before = (await repo.get(id))!;
      repo.delete(id);
      return before;
    });
    const served = servedProgram(stored);
    services.changes.publish({ objectType: 'PROGRAM', operation: 'DELETE', object: served });
    return { status: 200, body: served };
  },
};
