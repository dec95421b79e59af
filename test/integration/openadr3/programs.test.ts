// /programs: the catalogue's programs (read-only) beside those BL creates, every answer checked against openadr3.yaml;
// programName unique, target filtering and hiding for VEN clients, the role matrix, changes published.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Oadr3Change } from '../../../src/openadr3/notify/change-feed.js';
import type { ProgramCatalogue } from '../../../src/openadr3/objects/program-catalogue.js';
import { programHandlers } from '../../../src/openadr3/handlers/program-handlers.js';
import { recordingChanges, startOadr3Vtn, type Oadr3World } from '../../helpers/openadr3.js';

interface Program { id: string; programName: string; objectType: string; targets?: string[]; createdDateTime: string; modificationDateTime: string; attributes?: unknown[] }

describe('OpenADR 3.1 programs', () => {
  let world: Oadr3World;
  let clock = new Date('2026-06-01T12:00:00Z');
  let catalogue: ProgramCatalogue = {
    programs: [{ name: 'summer-peak', marketContext: 'http://utility.example/programs/summer-peak', description: 'Summer peak shaving' }],
    vens: [],
  };
  const changes: Oadr3Change[] = [];
  beforeAll(async () => {
    world = await startOadr3Vtn({ vtn: { now: () => clock }, install: { catalogue: () => catalogue, handlers: recordingChanges(programHandlers, changes) } });
  });
  afterAll(() => world.close());

  const bl = () => world.tokenFor('business', 'bl');
  const venA = () => world.tokenFor('ven-a', 'ven');

  it('lists the catalogue program and the default market context, read-only, with metadata', async () => {
    const res = await world.call<Program[]>('searchAllPrograms', { token: await bl() });
    expect(res.status).toBe(200);
    expect(res.body.map((p) => p.id)).toEqual(['summer-peak', 'default']);
    expect(res.body[0]).toMatchObject({ programName: 'summer-peak', objectType: 'PROGRAM', attributes: [{ type: 'DESCRIPTION', values: ['Summer peak shaving'] }] });
    const put = await world.call<{ detail: string }>('updateProgram', { token: await bl(), params: { programID: 'summer-peak' }, body: { programName: 'summer-peak' } });
    expect(put.status).toBe(403);
    expect(put.body.detail).toContain('config/programs.json');
    expect((await world.call('deleteProgram', { token: await bl(), params: { programID: 'default' } })).status).toBe(403);
  });

  it('a catalogue edit shows at once, with a new modificationDateTime', async () => {
    const before = (await world.call<Program>('searchProgramByProgramId', { token: await bl(), params: { programID: 'summer-peak' } })).body;
    clock = new Date(clock.getTime() + 60_000);
    catalogue = { ...catalogue, programs: [{ ...catalogue.programs[0]!, description: 'Summer peak shaving, 2027 terms' }] };
    const after = (await world.call<Program>('searchProgramByProgramId', { token: await bl(), params: { programID: 'summer-peak' } })).body;
    expect(after.createdDateTime).toBe(before.createdDateTime);
    expect(after.modificationDateTime).toBe(clock.toISOString());
  });

  it('BL creates, reads, updates and deletes a program; the VTN writes the metadata and ignores the client\'s', async () => {
    const token = await bl();
    const created = await world.call<Program>('createProgram', { token, body: { programName: 'winter-flex', id: 'mine', objectType: 'EVENT', createdDateTime: '2000-01-01T00:00:00Z' } });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ programName: 'winter-flex', objectType: 'PROGRAM', createdDateTime: clock.toISOString() });
    expect(created.body.id).not.toBe('mine');
    const id = created.body.id;
    expect((await world.call<Program>('searchProgramByProgramId', { token, params: { programID: id } })).body).toEqual(created.body);
    clock = new Date(clock.getTime() + 1000);
    const put = await world.call<Program>('updateProgram', { token, params: { programID: id }, body: { programName: 'winter-flex-2', intervalPeriod: { start: '2026-12-01T00:00:00Z', duration: 'P90D' } } });
    expect(put.status).toBe(200);
    expect(put.body).toMatchObject({ id, programName: 'winter-flex-2', createdDateTime: created.body.createdDateTime, modificationDateTime: clock.toISOString() });
    const del = await world.call<Program>('deleteProgram', { token, params: { programID: id } });
    expect(del).toMatchObject({ status: 200, body: { id, programName: 'winter-flex-2' } });
    // Each write is published for subscriptions, as the client would read the object.
    expect(changes.filter((c) => c.object.id === id).map((c) => [c.objectType, c.operation, c.object.programName])).toEqual([
      ['PROGRAM', 'CREATE', 'winter-flex'], ['PROGRAM', 'UPDATE', 'winter-flex-2'], ['PROGRAM', 'DELETE', 'winter-flex-2'],
    ]);
    expect((await world.call('searchProgramByProgramId', { token, params: { programID: id } })).status).toBe(404);
    expect((await world.call('deleteProgram', { token, params: { programID: id } })).status).toBe(404);
    expect((await world.call('updateProgram', { token, params: { programID: id }, body: { programName: 'x' } })).status).toBe(404);
  });

  it('programName is unique across catalogue and API programs (409), on create and on update', async () => {
    const token = await bl();
    expect((await world.call('createProgram', { token, body: { programName: 'summer-peak' } })).status).toBe(409);
    const a = await world.call<Program>('createProgram', { token, body: { programName: 'unique-a' } });
    const b = await world.call<Program>('createProgram', { token, body: { programName: 'unique-b' } });
    expect((await world.call('createProgram', { token, body: { programName: 'unique-a' } })).status).toBe(409);
    expect((await world.call('updateProgram', { token, params: { programID: b.body.id }, body: { programName: 'unique-a' } })).status).toBe(409);
    // Keeping its own name is no conflict.
    expect((await world.call('updateProgram', { token, params: { programID: a.body.id }, body: { programName: 'unique-a' } })).status).toBe(200);
  });

  it('refuses a body without programName (400) and a bad limit (400)', async () => {
    const token = await bl();
    expect((await world.call('createProgram', { token, body: { targets: ['x'] } })).status).toBe(400);
    expect((await world.call('searchAllPrograms', { token, query: { limit: '51' } })).status).toBe(400);
  });

  it('pages with skip and limit', async () => {
    const token = await bl();
    const all = (await world.call<Program[]>('searchAllPrograms', { token })).body.map((p) => p.id);
    expect(all.length).toBeGreaterThanOrEqual(4);
    const page = (await world.call<Program[]>('searchAllPrograms', { token, query: { skip: '1', limit: '2' } })).body.map((p) => p.id);
    expect(page).toEqual(all.slice(1, 3));
  });

  it('targets: BL filters by them; a VEN sees a targeted program only with a granted target it asks for, and only that target', async () => {
    const token = await bl();
    const targeted = await world.call<Program>('createProgram', { token, body: { programName: 'feeder-7-only', targets: ['feeder-7', 'secret-group'] } });
    expect(targeted.status).toBe(201);
    const byTarget = await world.call<Program[]>('searchAllPrograms', { token, query: { targets: 'feeder-7' } });
    expect(byTarget.body.map((p) => p.programName)).toContain('feeder-7-only');
    expect(byTarget.body.find((p) => p.programName === 'feeder-7-only')?.targets).toEqual(['feeder-7', 'secret-group']);
    const other = await world.call<Program[]>('searchAllPrograms', { token, query: { targets: 'feeder-9' } });
    expect(other.body.map((p) => p.programName)).not.toContain('feeder-7-only');

    const ven = await venA();
    // Without a ven object granting feeder-7 the VEN does not see it, even when asking for the target.
    const before = await world.call<Program[]>('searchAllPrograms', { token: ven, query: { targets: 'feeder-7' } });
    expect(before.body.map((p) => p.programName)).not.toContain('feeder-7-only');
    await world.call('createVen', { token, body: { objectType: 'BL_VEN_REQUEST', clientID: 'ven-a', venName: 'ven-a-site', targets: ['feeder-7'] } });
    const asked = await world.call<Program[]>('searchAllPrograms', { token: ven, query: { targets: ['feeder-7', 'secret-group'] } });
    const seen = asked.body.find((p) => p.programName === 'feeder-7-only');
    // Target hiding: secret-group was asked for but never granted, so it is not shown.
    expect(seen?.targets).toEqual(['feeder-7']);
    // Not asking for targets: untargeted programs only.
    const plain = await world.call<Program[]>('searchAllPrograms', { token: ven });
    expect(plain.body.map((p) => p.programName)).not.toContain('feeder-7-only');
    expect(plain.body.map((p) => p.programName)).toContain('summer-peak');
    expect((await world.call('searchProgramByProgramId', { token: ven, params: { programID: targeted.body.id } })).status).toBe(404);
    const one = await world.call<Program>('searchProgramByProgramId', { token: ven, params: { programID: targeted.body.id }, query: { targets: 'feeder-7' } });
    expect(one.body.targets).toEqual(['feeder-7']);
  });

  it('role matrix: BL writes, VENs read, a bad or missing token is 401', async () => {
    const token = await bl();
    const ven = await venA();
    const venB = await world.tokenFor('ven-b', 'ven');
    const id = (await world.call<Program>('createProgram', { token, body: { programName: 'matrix' } })).body.id;
    const cases: [string, string | undefined, Record<string, unknown>, number][] = [
      ['searchAllPrograms', ven, {}, 200], ['searchAllPrograms', venB, {}, 200], ['searchAllPrograms', 'bad.token.here', {}, 401], ['searchAllPrograms', undefined, {}, 401],
      ['searchProgramByProgramId', venB, { params: { programID: id } }, 200],
      ['createProgram', ven, { body: { programName: 'by-ven' } }, 403], ['createProgram', undefined, { body: { programName: 'anon' } }, 401],
      ['updateProgram', venB, { params: { programID: id }, body: { programName: 'm2' } }, 403], ['updateProgram', 'bad', { params: { programID: id }, body: { programName: 'm2' } }, 401],
      ['deleteProgram', ven, { params: { programID: id } }, 403], ['deleteProgram', undefined, { params: { programID: id } }, 401],
      ['deleteProgram', token, { params: { programID: id } }, 200],
    ];
    for (const [op, t, init, status] of cases) {
      const res = await world.call(op, { ...(t ? { token: t } : {}), ...init });
      expect(res.status, `${op} with ${t === token ? 'BL' : t ?? 'no token'}`).toBe(status);
    }
  });
});
