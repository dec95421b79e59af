// /events: a 3.1 event IS a core event (vtn.addEvent/modifyEvent/cancelEvent); what only 3.1 says is kept in oa3EventExtras.
import { VtnError } from '../../errors.js';
import type { EventRecord } from '../../store/records.js';
import type { Unit } from '../../store/store.js';
import { eventStatus, type AddEventOptions } from '../../vtn/events/index.js';
import type { Oadr3Handlers, Oadr3Request, Oadr3Services } from '../http/handler-types.js';
import { badRequest, conflict, notFound, Oadr3Problem } from '../http/problem.js';
import { audienceOfTargets } from '../objects/event-audience.js';
import { eventFromCore, SERVABLE_ID, unknownProgramId, type Oa3Event } from '../objects/event-from-core.js';
import type { EventExtras, Oa3EventRequest } from '../objects/event-request.js';
import { eventsMatching } from '../objects/event-index.js';
import { matchingTargets, targetView, visibleTo, withShownTargets, type TargetView } from '../objects/event-targets.js';
import { coreEventParts } from '../objects/event-to-core.js';
import { OA3 } from '../objects/oa3-collections.js';
import { withoutMetadata } from '../objects/object-metadata.js';
import { listParam, pageOf } from '../objects/paging.js';
import { programById, programIdOfMarketContext, unit } from '../objects/program-directory.js';
import type { ProgramEntry } from '../objects/program-catalogue.js';

const extrasOf = (u: Unit) => u.collection<EventExtras>(OA3.eventExtras);

/** The core's refusals (overlap, bad intervals, payloads) as Problems: a conflict is 409, the rest 400. */
async function core<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    if (!(err instanceof VtnError)) throw err;
    const status = err.code === 'E_EVENT_OVERLAP' || err.code === 'E_EVENT_DUPLICATE' ? 409 : err.code === 'E_EVENT_UNKNOWN' ? 404 : 400;
    throw new Oadr3Problem(status, `${err.code}: ${err.message}`);
  }
}

const programIdOf = (services: Oadr3Services, rec: EventRecord, extras: EventExtras | undefined): string =>
  extras?.programID ?? programIdOfMarketContext(services, rec.marketContext) ?? unknownProgramId(rec.marketContext);

function served(services: Oadr3Services, rec: EventRecord, extras: EventExtras | undefined): Oa3Event {
  return eventFromCore(rec, programIdOf(services, rec, extras), extras);
}

/** A live (not cancelled) core event a 3.1 client can address, with its extras. */
async function liveEvent(u: Unit, id: string): Promise<{ rec: EventRecord; extras: EventExtras | undefined } | undefined> {
  if (!SERVABLE_ID.test(id)) return undefined;
  const rec = await u.events.get(id);
  if (!rec || rec.cancelledAt !== undefined) return undefined;
  return { rec, extras: await extrasOf(u).get(id) };
}

/** Core options of a create or update: timing and signals, market context, and the 2.0b VENs the targets name. */
async function coreOptions(services: Oadr3Services, u: Unit, body: Oa3EventRequest): Promise<{ program: ProgramEntry; options: AddEventOptions }> {
  const program = await programById(services, u, body.programID);
  if (!program) throw badRequest(`programID "${body.programID}" names no program: GET /programs lists them`);
  const descriptors = (program.program.payloadDescriptors as Oa3EventRequest['payloadDescriptors']) ?? [];
  const parts = coreEventParts(body, descriptors, services.now());
  const venIds = await audienceOfTargets(u, services.catalogue?.(), body.targets ?? [], program);
  return { program, options: { ...parts, venIds, allowNoVens: true, marketContext: program.marketContext } };
}

function publish(services: Oadr3Services, operation: 'CREATE' | 'UPDATE' | 'DELETE', event: Oa3Event): void {
  services.changes.publish({ objectType: 'EVENT', operation, object: event as unknown as Record<string, unknown> });
}

function readerView(services: Oadr3Services, req: Oadr3Request): Promise<TargetView> {
  return targetView(req.principal, listParam(req.query.targets), (id) => services.reads.grants.of(id));
}

export const eventHandlers: Oadr3Handlers = {
  async searchAllEvents(services, req) {
    const page = pageOf(req.query);
    const programID = listParam(req.query.programID)[0];
    const activeOnly = listParam(req.query.active)[0] === 'true';
    let marketContext: string | undefined;
    if (programID !== undefined) {
      const program = await unit(services, 'oa3 events program', (u) => programById(services, u, programID));
      if (!program) return { status: 200, body: [] };
      marketContext = program.marketContext;
    }
    const [view, index] = await Promise.all([readerView(services, req), services.reads.events.snapshot()]);
    const now = services.now();
    const out: Oa3Event[] = [];
    let seen = 0;
    // Only the events the reader's targets can match, in eventId order; the filters run before any mapping.
    for (const e of eventsMatching(index, matchingTargets(view))) {
      if (!visibleTo(view, e.targets)) continue;
      if (activeOnly && eventStatus(e.rec, now) === 'completed') continue;
      if (marketContext !== undefined && (e.rec.marketContext !== marketContext || programIdOf(services, e.rec, e.extras) !== programID)) continue;
      if (seen++ < page.skip) continue;
      out.push(withShownTargets(view, served(services, e.rec, e.extras)));
      if (out.length >= page.limit) break;
    }
    return { status: 200, body: out };
  },

  async searchEventsByID(services, req) {
    const id = req.params.eventID ?? '';
    const event = await unit(services, 'oa3 searchEventsByID', async (u) => {
      const found = await liveEvent(u, id);
      if (!found) return undefined;
      const view = await readerView(services, req);
      const event = served(services, found.rec, found.extras);
      return visibleTo(view, event.targets) ? withShownTargets(view, event) : undefined;
    });
    if (!event) throw notFound('event', id);
    return { status: 200, body: event };
  },

  async createEvent(services, req) {
    const body = withoutMetadata(req.body as Oa3EventRequest) as Oa3EventRequest;
    const { options } = await unit(services, 'oa3 createEvent options', (u) => coreOptions(services, u, body));
    const handle = await core(() => services.vtn.addEvent({ ...options, origin: { source: 'openadr3', clientID: req.principal.clientID } }));
    const event = await unit(services, 'oa3 createEvent extras', async (u) => {
      const rec = (await u.events.get(handle.eventId))!;
      const extras: EventExtras = { id: rec.eventId, programID: body.programID, modificationNumber: rec.modificationNumber, clientID: req.principal.clientID, request: body };
      extrasOf(u).put(rec.eventId, extras);
      return served(services, rec, extras);
    });
    publish(services, 'CREATE', event);
    return { status: 201, body: event };
  },

  async updateEvent(services, req) {
    const id = req.params.eventID ?? '';
    const body = withoutMetadata(req.body as Oa3EventRequest) as Oa3EventRequest;
    const { before, options } = await unit(services, 'oa3 updateEvent options', async (u) => {
      const found = await liveEvent(u, id);
      if (!found) throw notFound('event', id);
      const next = await coreOptions(services, u, body);
      if (next.program.marketContext !== found.rec.marketContext) {
        throw conflict(`event ${id} belongs to program ${found.extras?.programID ?? programIdOfMarketContext(services, found.rec.marketContext) ?? '(unknown)'}: an event cannot move to another program; delete it and create a new one`);
      }
      return { before: found, options: next.options };
    });
    const { marketContext: _same, ...changes } = options;
    const rec = await core(() => services.vtn.modifyEvent(id, { ...changes, reason: 'updated over OpenADR 3.1' }));
    const event = await unit(services, 'oa3 updateEvent extras', async (u) => {
      const extras: EventExtras = { id, programID: body.programID, modificationNumber: rec.modificationNumber, clientID: before.extras?.clientID ?? req.principal.clientID, request: body };
      extrasOf(u).put(id, extras);
      return served(services, rec, extras);
    });
    publish(services, 'UPDATE', event);
    return { status: 200, body: event };
  },

  async deleteEvent(services, req) {
    const id = req.params.eventID ?? '';
    const found = await unit(services, 'oa3 deleteEvent', (u) => liveEvent(u, id));
    if (!found) throw notFound('event', id);
    const event = served(services, found.rec, found.extras);
    // 2.0b VENs get the event once more as cancelled; 3.1 readers no longer see it.
    await core(() => services.vtn.cancelEvent(id, 'deleted over OpenADR 3.1'));
    await unit(services, 'oa3 deleteEvent extras', async (u) => extrasOf(u).delete(id));
    publish(services, 'DELETE', event);
    return { status: 200, body: event };
  },
};
