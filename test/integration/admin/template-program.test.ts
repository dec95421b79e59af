// `vtn start` on the shipped project: an event made from a template through the admin API carries the
// template's program (config/programs.json) — its market context, priority, responseRequired and rampUp.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCliProject, type CliProject } from '../../helpers/cli-project.js';
import { TestVen } from '../../helpers/test-ven.js';

let p: CliProject;
beforeAll(async () => { p = await startCliProject('vtn-template-program-'); }, 90_000);
afterAll(async () => { await p?.stop(); });

describe('POST /admin/v1/events/from-template under vtn start', () => {
  it('gives the event the market context and defaults of the template\'s program', async () => {
    const ven = new TestVen({ baseUrl: new URL(p.vtn.url).origin, venName: 'template-program-ven' });
    await ven.register();
    const start = new Date(Date.now() + 3_600_000).toISOString();
    const res = await p.admin('POST', '/admin/v1/events/from-template', { template: 'simple-level-1', start, venIds: [ven.venId] });
    expect(res.status).toBe(201);
    const { eventId } = await res.json();
    const { event } = await (await p.admin('GET', `/admin/v1/events/${eventId}`)).json();
    // simple-level-1 names program summer-peak: { priority 2, responseRequired always, rampUp PT10M = 600,000 ms }.
    expect(event).toMatchObject({
      marketContext: 'http://utility.example/programs/summer-peak', priority: 2, responseRequired: 'always', rampUp: 600_000,
    });
    // The template's own fields still win over the program's (shed-level-2 sets rampUp PT5M; feeder-relief has priority 1).
    const other = await p.admin('POST', '/admin/v1/events/from-template', { template: 'shed-level-2', start: new Date(Date.now() + 7_200_000).toISOString(), venIds: [ven.venId] });
    expect(other.status).toBe(201);
    const shed = (await (await p.admin('GET', `/admin/v1/events/${(await other.json()).eventId}`)).json()).event;
    expect(shed).toMatchObject({ marketContext: 'http://utility.example/programs/feeder-relief', priority: 1, rampUp: 300_000 });
  }, 30_000);
});
