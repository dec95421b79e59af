// /reports: a VEN client reports on an event; the report carries its clientID and only it (and BL) reads it.
// Values go where 2.0b report values go (report-intake.ts). A VEN client holds at most limits.reportsPerClient.
import { randomUUID } from 'node:crypto';
import type { Unit } from '../../store/store.js';
import { isBusinessLogic, type Principal } from '../auth/scopes.js';
import type { Oadr3Handlers, Oadr3Request, Oadr3Services } from '../http/handler-types.js';
import { conflict, forbidden, notFound } from '../http/problem.js';
import { programIdOfMarketContext } from '../objects/program-directory.js';
import { newMetadata } from '../objects/object-metadata.js';
import { pageOf as pageParams } from '../objects/paging.js';
import { checkReportValues, takeInReport } from '../objects/report-intake.js';
import { reportRepo, type ReportBody, type ReportObject } from '../objects/report-records.js';
import { reportValues } from '../objects/report-telemetry.js';
import { firstString, pageOf, venRepo, visibleTo } from '../objects/ven-records.js';

/** The ven whose telemetry a report fills: the VEN client's own (it must have one); for BL, the ven named clientName. */
async function reporterVenId(u: Unit, principal: Principal, body: ReportBody): Promise<string | undefined> {
  if (isBusinessLogic(principal)) return (await venRepo(u).find('venName', body.clientName, { limit: 1 }))[0]?.id;
  const [ven] = await venRepo(u).find('clientID', principal.clientID, { limit: 1 });
  if (!ven) throw forbidden('this VEN client has no ven object: create it first (POST /vens), then report');
  return ven.id;
}

async function visibleReport(u: Unit, principal: Principal, id: string): Promise<ReportObject> {
  const r = await reportRepo(u).get(id);
  if (!r || !visibleTo(principal, r)) throw notFound('report', id);
  return r;
}

const valueKey = (v: { resourceId?: string; rId: string; time: Date }) => `${v.resourceId}\u0000${v.rId}\u0000${v.time.getTime()}`;

async function createReport(s: Oadr3Services, req: Oadr3Request) {
  const body = req.body as ReportBody;
  const p = req.principal;
  const id = randomUUID();
  const now = s.now();
  const venId = await s.vtn.store.unit((u) => reporterVenId(u, p, body), { label: 'openadr3 createReport reporter' });
  // Values are checked before anything is stored: a refused report leaves neither an object nor values.
  const values = venId === undefined ? [] : reportValues({ ...body, id }, venId, now);
  if (venId !== undefined) await checkReportValues(s.vtn, venId, values);
  const report = await s.vtn.store.unit(async (u) => {
    if (!(await u.events.has(body.eventID))) throw notFound('event', body.eventID);
    const cap = s.settings.limits.reportsPerClient;
    if (!isBusinessLogic(p)) {
      const held = await reportRepo(u).find('clientID', p.clientID, { limit: cap });
      if (held.length >= cap) throw conflict(`this client holds ${held.length} reports; the VTN keeps at most ${cap} per VEN client (openadr3.limits.reportsPerClient): delete reports no longer needed`);
    }
    const created: ReportObject = { ...newMetadata('REPORT', now, id), ...withoutVtnFields(body), objectType: 'REPORT', clientID: p.clientID };
    reportRepo(u).create(id, created);
    return created;
  }, { label: 'openadr3 createReport' });
  if (venId !== undefined) await takeInReport(s.vtn, venId, report, values);
  s.changes.publish({ objectType: 'REPORT', operation: 'CREATE', object: { ...report } });
  return { status: 201, body: report };
}

function withoutVtnFields(body: ReportBody): ReportBody {
  const { eventID, clientName, reportName, payloadDescriptors, resources } = body;
  return { eventID, clientName, resources, ...(reportName !== undefined ? { reportName } : {}), ...(payloadDescriptors !== undefined ? { payloadDescriptors } : {}) };
}

async function searchAllReports(s: Oadr3Services, req: Oadr3Request) {
  const page = pageParams(req.query);
  const eventID = firstString(req.query.eventID);
  const programID = firstString(req.query.programID);
  const clientName = firstString(req.query.clientName);
  const p = req.principal;
  const found = await s.vtn.store.unit(async (u) => {
    const repo = reportRepo(u);
    const candidates = !isBusinessLogic(p) ? repo.find('clientID', p.clientID) : eventID !== undefined ? repo.find('eventID', eventID) : undefined;
    const match = (r: ReportObject) => visibleTo(p, r) && (eventID === undefined || r.eventID === eventID) && (clientName === undefined || r.clientName === clientName);
    if (programID === undefined) return pageOf(repo, candidates, match, page);
    // The program filter reads the reports' events: the matching reports are read whole, then paged.
    const all = await pageOf(repo, candidates, match, { skip: 0, limit: Number.MAX_SAFE_INTEGER });
    const ofProgram = await eventsOfProgram(s, u, programID, all.map((r) => r.eventID));
    return all.filter((r) => ofProgram.has(r.eventID)).slice(page.skip, page.skip + page.limit);
  }, { label: 'openadr3 searchAllReports' });
  return { status: 200, body: found };
}

/** Event ids of a program among the reports' events: 3.1 reports no longer name their program (changeLog #253), their event does. */
async function eventsOfProgram(s: Oadr3Services, u: Unit, programID: string, eventIDs: readonly string[]): Promise<Set<string>> {
  const events = await u.events.getMany([...new Set(eventIDs)]);
  return new Set([...events.values()].filter((e) => programIdOfMarketContext(s, e.marketContext) === programID).map((e) => e.eventId));
}

async function searchReportsByReportID(s: Oadr3Services, req: Oadr3Request) {
  const r = await s.vtn.store.unit((u) => visibleReport(u, req.principal, req.params.reportID!), { label: 'openadr3 searchReportsByReportID' });
  return { status: 200, body: r };
}

async function updateReport(s: Oadr3Services, req: Oadr3Request) {
  const body = req.body as ReportBody;
  const now = s.now();
  const id = req.params.reportID!;
  const { before, venId } = await s.vtn.store.unit(async (u) => {
    const stored = await visibleReport(u, req.principal, id);
    return { before: stored, venId: await reporterVenId(u, req.principal, body) };
  }, { label: 'openadr3 updateReport reporter' });
  // Values already taken in from the earlier version are not appended twice.
  const old = venId === undefined ? new Set<string>() : new Set(reportValues(before, venId, now).map(valueKey));
  const values = venId === undefined ? [] : reportValues({ ...body, id }, venId, now).filter((v) => !old.has(valueKey(v)));
  if (venId !== undefined) await checkReportValues(s.vtn, venId, values);
  const report = await s.vtn.store.unit(async (u) => {
    const stored = await visibleReport(u, req.principal, id);
    if (body.eventID !== stored.eventID && !(await u.events.has(body.eventID))) throw notFound('event', body.eventID);
    const next: ReportObject = {
      id: stored.id, createdDateTime: stored.createdDateTime, modificationDateTime: now.toISOString(), objectType: 'REPORT',
      ...withoutVtnFields(body), clientID: stored.clientID,
    };
    reportRepo(u).put(stored.id, next);
    return next;
  }, { label: 'openadr3 updateReport' });
  if (venId !== undefined) await takeInReport(s.vtn, venId, report, values);
  s.changes.publish({ objectType: 'REPORT', operation: 'UPDATE', object: { ...report } });
  return { status: 200, body: report };
}

async function deleteReport(s: Oadr3Services, req: Oadr3Request) {
  const report = await s.vtn.store.unit(async (u) => {
    const stored = await visibleReport(u, req.principal, req.params.reportID!);
    reportRepo(u).delete(stored.id);
    return stored;
  }, { label: 'openadr3 deleteReport' });
  // Its values stay in the telemetry store until its retention removes them, as 2.0b values do.
  s.changes.publish({ objectType: 'REPORT', operation: 'DELETE', object: { ...report } });
  return { status: 200, body: report };
}

export const reportHandlers: Oadr3Handlers = { searchAllReports, createReport, searchReportsByReportID, updateReport, deleteReport };
