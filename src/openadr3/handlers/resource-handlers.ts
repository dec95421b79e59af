// /resources: resources of a ven object. A VEN client writes those of its own ven (never targets, at most
// limits.resourcesPerVen); BL writes any, with targets. resourceName is unique within its ven.
import { randomUUID } from 'node:crypto';
import type { Unit } from '../../store/store.js';
import { isBusinessLogic, type Principal } from '../auth/scopes.js';
import type { Oadr3Handlers, Oadr3Request, Oadr3Services } from '../http/handler-types.js';
import { badRequest, conflict, forbidden, notFound } from '../http/problem.js';
import { newMetadata } from '../objects/object-metadata.js';
import { listParam, pageOf as pageParams } from '../objects/paging.js';
import { firstString, hasTargets, pageOf, resourceRepo, venRepo, visibleTo, type ResourceObject, type ValuesMap, type VenObject } from '../objects/ven-records.js';

interface ResourceBody {
  objectType: 'BL_RESOURCE_REQUEST' | 'VEN_RESOURCE_REQUEST';
  clientID?: string;
  resourceName: string;
  venID: string;
  targets?: string[] | null;
  attributes?: ValuesMap[] | null;
}

type ResourceInput = Omit<ResourceBody, 'objectType' | 'clientID'>;

function writable(principal: Principal, body: ResourceBody): ResourceInput & { clientID?: string } {
  const base = { resourceName: body.resourceName, venID: body.venID, ...(body.attributes !== undefined ? { attributes: body.attributes } : {}) };
  if (isBusinessLogic(principal)) {
    if (body.objectType !== 'BL_RESOURCE_REQUEST' || !body.clientID) throw badRequest('business logic writes a resource as objectType BL_RESOURCE_REQUEST with the clientID of its ven');
    return { ...base, clientID: body.clientID, ...(body.targets !== undefined ? { targets: body.targets } : {}) };
  }
  if (body.objectType !== 'VEN_RESOURCE_REQUEST') throw forbidden('a VEN client writes a resource as objectType VEN_RESOURCE_REQUEST: the VTN writes its clientID, business logic its targets');
  if (body.targets != null) throw forbidden('only business logic may write targets to a resource object (§Object Privacy); leave targets out');
  return base;
}

/** The resource's ven, which the requester must see; BL's clientID must be the ven's (or the VEN could not see it). */
async function ownerVen(u: Unit, principal: Principal, input: { venID: string; clientID?: string }): Promise<VenObject> {
  const ven = await venRepo(u).get(input.venID);
  if (!ven || !visibleTo(principal, ven)) throw notFound('ven', input.venID);
  if (input.clientID !== undefined && input.clientID !== ven.clientID) {
    throw badRequest(`clientID "${input.clientID}" is not the clientID of ven ${ven.id} ("${ven.clientID}"): a resource carries its ven's clientID`);
  }
  return ven;
}

async function assertRoom(s: Oadr3Services, u: Unit, principal: Principal, ven: VenObject, resourceName: string, self?: string): Promise<void> {
  const siblings = await resourceRepo(u).find('venID', ven.id);
  if (siblings.some((r) => r.resourceName === resourceName && r.id !== self)) throw conflict(`ven ${ven.id} has a resource named "${resourceName}" already; resourceName is unique within its ven`);
  const cap = s.settings.limits.resourcesPerVen;
  if (self === undefined && !isBusinessLogic(principal) && siblings.length >= cap) {
    throw conflict(`ven ${ven.id} has ${siblings.length} resources; a VEN client may create at most ${cap} (openadr3.limits.resourcesPerVen): delete resources no longer needed`);
  }
}

async function visibleResource(u: Unit, principal: Principal, id: string): Promise<ResourceObject> {
  const r = await resourceRepo(u).get(id);
  if (!r || !visibleTo(principal, r)) throw notFound('resource', id);
  return r;
}

async function createResource(s: Oadr3Services, req: Oadr3Request) {
  const input = writable(req.principal, req.body as ResourceBody);
  const resource = await s.vtn.store.unit(async (u) => {
    const ven = await ownerVen(u, req.principal, input);
    await assertRoom(s, u, req.principal, ven, input.resourceName);
    const id = randomUUID();
    const created: ResourceObject = { ...newMetadata('RESOURCE', s.now(), id), objectType: 'RESOURCE', ...input, clientID: ven.clientID };
    resourceRepo(u).create(id, created);
    // Read and rewrite the ven: two creates racing for the last place conflict, and one re-runs against the cap.
    venRepo(u).put(ven.id, ven);
    return created;
  }, { label: 'openadr3 createResource' });
  s.changes.publish({ objectType: 'RESOURCE', operation: 'CREATE', object: { ...resource } });
  return { status: 201, body: resource };
}

async function searchVenResources(s: Oadr3Services, req: Oadr3Request) {
  const page = pageParams(req.query);
  const resourceName = firstString(req.query.resourceName);
  const venID = firstString(req.query.venID);
  const targets = listParam(req.query.targets);
  const p = req.principal;
  const found = await s.vtn.store.unit((u) => {
    const repo = resourceRepo(u);
    const candidates = !isBusinessLogic(p) ? repo.find('clientID', p.clientID) : venID !== undefined ? repo.find('venID', venID) : undefined;
    const match = (r: ResourceObject) => visibleTo(p, r) && (venID === undefined || r.venID === venID)
      && (resourceName === undefined || r.resourceName === resourceName) && hasTargets(r, targets);
    return pageOf(repo, candidates, match, page);
  }, { label: 'openadr3 searchVenResources' });
  return { status: 200, body: found };
}

async function searchVenResourceByID(s: Oadr3Services, req: Oadr3Request) {
  const r = await s.vtn.store.unit((u) => visibleResource(u, req.principal, req.params.resourceID!), { label: 'openadr3 searchVenResourceByID' });
  return { status: 200, body: r };
}

async function updateVenResource(s: Oadr3Services, req: Oadr3Request) {
  const input = writable(req.principal, req.body as ResourceBody);
  const resource = await s.vtn.store.unit(async (u) => {
    const stored = await visibleResource(u, req.principal, req.params.resourceID!);
    const ven = await ownerVen(u, req.principal, input);
    await assertRoom(s, u, req.principal, ven, input.resourceName, stored.id);
    const next: ResourceObject = {
      id: stored.id, createdDateTime: stored.createdDateTime, modificationDateTime: s.now().toISOString(), objectType: 'RESOURCE',
      // A VEN's update keeps the targets BL granted.
      ...(isBusinessLogic(req.principal) ? {} : stored.targets !== undefined ? { targets: stored.targets } : {}),
      ...input, clientID: ven.clientID,
    };
    resourceRepo(u).put(stored.id, next);
    return next;
  }, { label: 'openadr3 updateVenResource' });
  s.changes.publish({ objectType: 'RESOURCE', operation: 'UPDATE', object: { ...resource } });
  return { status: 200, body: resource };
}

async function deleteVenResource(s: Oadr3Services, req: Oadr3Request) {
  const resource = await s.vtn.store.unit(async (u) => {
    const stored = await visibleResource(u, req.principal, req.params.resourceID!);
    resourceRepo(u).delete(stored.id);
    return stored;
  }, { label: 'openadr3 deleteVenResource' });
  s.changes.publish({ objectType: 'RESOURCE', operation: 'DELETE', object: { ...resource } });
  return { status: 200, body: resource };
}

export const resourceHandlers: Oadr3Handlers = { searchVenResources, createResource, searchVenResourceByID, updateVenResource, deleteVenResource };
