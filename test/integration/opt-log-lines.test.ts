// Accepted oadrCreatedEvents leave no info line each: a debug line per message, and one info summary per
// interval (or at stop) of what was recorded — a 10,000-VEN fan-out's acknowledgements were 10,000 info lines.
// A refused oadrCreatedEvent's message line stays at info.
import { afterEach, expect, it } from 'vitest';
import { createVtn } from '../../src/create-vtn.js';
import type { VtnServer } from '../../src/http/vtn-server.js';
import { capturedPino } from '../helpers/capture-log.js';
import { TestVen, responseCode } from '../helpers/test-ven.js';

let vtn: VtnServer | undefined;
afterEach(async () => vtn?.close());

it('accepted oadrCreatedEvents are debug lines and one info summary at stop; a refused one is info', async () => {
  const { lines, logger } = capturedPino('debug');
  vtn = await createVtn({ inMemory: true, openEnrollment: true, logger, host: '127.0.0.1', port: 0 });
  const url = await vtn.listen();
  const base = url.slice(0, url.length - vtn.prefix.length);
  const vens = [new TestVen({ baseUrl: base, venName: 'opt-log-1' }), new TestVen({ baseUrl: base, venName: 'opt-log-2' }), new TestVen({ baseUrl: base, venName: 'opt-log-3' })];
  for (const ven of vens) await ven.register();
  const handle = await vtn.addEvent({ venIds: vens.map((v) => v.venId!), signalName: 'SIMPLE', signalType: 'level', intervals: [{ dtstart: new Date(Date.now() + 3_600_000), duration: 'PT1H', payload: 1 }] });
  for (const [i, ven] of vens.entries()) expect(responseCode(await ven.respondToEvents(await ven.requestEvent(), i === 2 ? 'optOut' : 'optIn'))).toBe('200');
  await expect.poll(() => lines.filter((l) => l.msg === 'opt responses recorded').length).toBe(3);
  const perVen = lines.filter((l) => l.msg === 'opt responses recorded');
  expect(perVen.map((l) => l.level)).toEqual([20, 20, 20]);
  expect(perVen[2]).toMatchObject({ venId: vens[2]!.venId, responses: [{ eventId: handle.eventId, optType: 'optOut' }] });
  const created = lines.filter((l) => l.msg === 'openadr message' && l.type === 'oadrCreatedEvent');
  expect(created.map((l) => [l.level, l.code])).toEqual([[20, 200], [20, 200], [20, 200]]);

  expect(responseCode(await vens[0]!.createdEvent([{ eventId: 'no-such-event', modificationNumber: 0, optType: 'optIn' }]))).toBe('452');
  const refused = lines.filter((l) => l.msg === 'openadr message' && l.type === 'oadrCreatedEvent' && l.code === 452);
  expect(refused.map((l) => l.level)).toEqual([30]);

  const summaries = () => lines.filter((l) => l.level === 30 && String(l.msg).startsWith('opt responses recorded:'));
  expect(summaries()).toHaveLength(0);
  await vtn.close();
  vtn = undefined;
  expect(summaries()).toHaveLength(1);
  expect(summaries()[0]).toMatchObject({ optIn: 2, optOut: 1, eventCount: 1, events: [{ eventId: handle.eventId, optIn: 2, optOut: 1 }] });
});
