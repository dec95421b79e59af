// /vens: VEN clients create, read, update and delete their own ven object (one per clientID); BL manages all and
// grants targets. A VEN client's create asks the registration policy first.
import { randomUUID } from 'node:crypto';
import type { Unit } from '../../store/store.js';
import { isBusinessLogic, type Principal } from '../auth/scopes.js';
import type { Oadr3Handlers, Oadr3Request, Oadr3Services } from '../http/handler-types.js';
import { badRequest, conflict, forbidden, notFound } from '../http/problem.js';
import { newMetadata } from '../objects/object-metadata.js';
import { listParam, pageOf as pageParams } from '../objects/paging.js';
import { askRegistrationPolicy } from '../objects/ven-registration.js';
import { firstString, hasTargets, moveClaims, pageOf, resourceRepo, venRepo, visibleTo, type ValuesMap, type VenObject } from '../objects/ven-records.js';

interface VenBody {
  objectType: 'BL_VEN_REQUEST' | 'VEN_VEN_REQUEST';
  clientID?: string;
  venName: string;
  targets?: string[] | null;
  attributes?: ValuesMap[] | null;
}

const OBJECT_ID = /^[a-zA-Z0-9_-]{1,128}$/;

/** What the requester may write: BL a BL_VEN_REQUEST naming the clientID; a VEN its own VEN_VEN_REQUEST, never targets. */
function writable(principal: Principal, body: VenBody): { clientID?: string; venName: string; targets?: string[] | null; attributes?: ValuesMap[] | null } {
  const attributes = body.attributes !== undefined ? { attributes: body.attributes } : {};
  if (isBusinessLogic(principal)) {
    if (body.objectType !== 'BL_VEN_REQUEST' || !body.clientID) throw badRequest('business logic writes a ven as objectType BL_VEN_REQUEST with the VEN client\'s clientID');
    return { clientID: body.clientID, venName: body.venName, ...(body.targets !== undefined ? { targets: body.targets } : {}), ...attributes };
  }
  if (body.objectType !== 'VEN_VEN_REQUEST') throw forbidden('a VEN client writes its ven as objectType VEN_VEN_REQUEST: the VTN writes its clientID, business logic its targets');
  if (body.targets != null) throw forbidden('only business logic may write targets to a ven object (§Object Privacy); leave targets out');
  return { venName: body.venName, ...attributes };
}

async function assertUnique(u: Unit, venName: string, clientID: string, self?: string): Promise<void> {
  const [named, owned] = await Promise.all([venRepo(u).find('venName', venName, { limit: 2 }), venRepo(u).find('clientID', clientID, { limit: 2 })]);
  if (named.some((v) => v.id !== self)) throw conflict(`venName "${venName}" is taken by another ven object; venName is unique on this VTN`);
  if (owned.some((v) => v.id !== self)) throw conflict(`client "${clientID}" has a ven object already (one per clientID); update or delete it instead`);
}

async function visibleVen(u: Unit, principal: Principal, venID: string): Promise<VenObject> {
  const ven = await venRepo(u).get(venID);
  if (!ven || !visibleTo(principal, ven)) throw notFound('ven', venID);
  return ven;
}

async function createVen(s: Oadr3Services, req: Oadr3Request) {
  const input = writable(req.principal, req.body as VenBody);
  const clientID = input.clientID ?? req.principal.clientID;
  await s.vtn.store.unit((u) => assertUnique(u, input.venName, clientID), { label: 'openadr3 createVen check' });
  let venId: string | undefined;
  if (!isBusinessLogic(req.principal)) {
    const verdict = await askRegistrationPolicy(s.vtn, { clientID, venName: input.venName, ...(req.principal.fingerprint ? { fingerprint: req.principal.fingerprint } : {}) });
    if (!verdict.accepted) throw forbidden(`the registration policy refused this ven (${verdict.code}): ${verdict.reason}`);
    venId = verdict.venId;
  }
  const ven = await s.vtn.store.unit(async (u) => {
    await assertUnique(u, input.venName, clientID);
    // A venId the policy chose (e.g. the catalogue's) becomes the object id when it can be one.
    const id = venId && OBJECT_ID.test(venId) && !(await venRepo(u).has(venId)) ? venId : randomUUID();
    const created: VenObject = { ...newMetadata('VEN', s.now(), id), objectType: 'VEN', ...input, clientID };
    venRepo(u).create(id, created);
    moveClaims(u, undefined, created);
    return created;
  }, { label: 'openadr3 createVen' });
  s.log.info({ venID: ven.id, venName: ven.venName, clientID }, 'OpenADR 3 ven created');
  s.changes.publish({ objectType: 'VEN', operation: 'CREATE', object: { ...ven } });
  return { status: 201, body: ven };
}

async function searchVens(s: Oadr3Services, req: Oadr3Request) {
  const page = pageParams(req.query);
  const venName = firstString(req.query.venName);
  const targets = listParam(req.query.targets);
  const p = req.principal;
  const found = await s.vtn.store.unit((u) => {
    const repo = venRepo(u);
    const candidates = !isBusinessLogic(p) ? repo.find('clientID', p.clientID) : venName !== undefined ? repo.find('venName', venName) : undefined;
    return pageOf(repo, candidates, (v) => visibleTo(p, v) && (venName === undefined || v.venName === venName) && hasTargets(v, targets), page);
  }, { label: 'openadr3 searchVens' });
  return { status: 200, body: found };
}

async function searchVenByID(s: Oadr3Services, req: Oadr3Request) {
  const ven = await s.vtn.store.unit((u) => visibleVen(u, req.principal, req.params.venID!), { label: 'openadr3 searchVenByID' });
  return { status: 200, body: ven };
}

/** A VEN client's new venName is a new applicant for the policy (a rename must not get round a refusal); BL is trusted. */
async function assertRenameAllowed(s: Oadr3Services, req: Oadr3Request, venName: string): Promise<string | undefined> {
  if (isBusinessLogic(req.principal)) return undefined;
  const stored = await s.vtn.store.unit((u) => visibleVen(u, req.principal, req.params.venID!), { label: 'openadr3 updateVen check' });
  if (stored.venName === venName) return stored.venName;
  const verdict = await askRegistrationPolicy(s.vtn, { clientID: req.principal.clientID, venName, ...(req.principal.fingerprint ? { fingerprint: req.principal.fingerprint } : {}) });
  if (!verdict.accepted) throw forbidden(`the registration policy refused the venName "${venName}" (${verdict.code}): ${verdict.reason}; the ven keeps its name`);
  return stored.venName;
}

async function updateVen(s: Oadr3Services, req: Oadr3Request) {
  const input = writable(req.principal, req.body as VenBody);
  const checkedName = await assertRenameAllowed(s, req, input.venName);
  const ven = await s.vtn.store.unit(async (u) => {
    const stored = await visibleVen(u, req.principal, req.params.venID!);
    // Renamed by another request since the policy was asked: that name was not the one it decided on.
    if (checkedName !== undefined && stored.venName !== checkedName) throw conflict(`ven "${stored.id}" was renamed meanwhile; read it again and retry`);
    const clientID = input.clientID ?? stored.clientID;
    await assertUnique(u, input.venName, clientID, stored.id);
    // A VEN's update keeps what BL granted (targets) and who owns it (clientID).
    const next: VenObject = {
      id: stored.id, createdDateTime: stored.createdDateTime, modificationDateTime: s.now().toISOString(), objectType: 'VEN',
      ...(isBusinessLogic(req.principal) ? {} : stored.targets !== undefined ? { targets: stored.targets } : {}),
      ...input, clientID,
    };
    venRepo(u).put(stored.id, next);
    moveClaims(u, stored, next);
    // Resources follow their ven's owner, so the VEN client keeps seeing them.
    if (clientID !== stored.clientID) for (const r of await resourceRepo(u).find('venID', stored.id)) resourceRepo(u).put(r.id, { ...r, clientID });
    return next;
  }, { label: 'openadr3 updateVen' });
  s.changes.publish({ objectType: 'VEN', operation: 'UPDATE', object: { ...ven } });
  return { status: 200, body: ven };
}

async function deleteVen(s: Oadr3Services, req: Oadr3Request) {
  const { ven, resources } = await s.vtn.store.unit(async (u) => {
    const stored = await visibleVen(u, req.principal, req.params.venID!);
    // Resources belong to their ven: they go with it (at most limits.resourcesPerVen for VEN-made ones).
    const owned = await resourceRepo(u).find('venID', stored.id);
    for (const r of owned) resourceRepo(u).delete(r.id);
    venRepo(u).delete(stored.id);
    moveClaims(u, stored, undefined);
    return { ven: stored, resources: owned };
  }, { label: 'openadr3 deleteVen' });
  s.log.info({ venID: ven.id, venName: ven.venName, resources: resources.length }, 'OpenADR 3 ven deleted');
  for (const r of resources) s.changes.publish({ objectType: 'RESOURCE', operation: 'DELETE', object: { ...r } });
  s.changes.publish({ objectType: 'VEN', operation: 'DELETE', object: { ...ven } });
  return { status: 200, body: ven };
}

export const venHandlers: Oadr3Handlers = { searchVens, createVen, searchVenByID, updateVen, deleteVen };
