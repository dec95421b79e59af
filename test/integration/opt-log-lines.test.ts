// An accepted oadrCreatedEvent leaves one info line (opt responses recorded), not two: a 10,000-VEN fan-out's
// acknowledgements were 20,000 info lines. Its message line stays at debug; a refused one stays at info.
import { afterEach, expect, it } from 'vitest';
import { createVtn } from '../../src/create-vtn.js';
import type { VtnServer } from '../../src/http/vtn-server.js';
import { capturedPino } from '../helpers/capture-log.js';
import { TestVen, responseCode } from '../helpers/test-ven.js';

let vtn: VtnServer | undefined;
afterEach(async () => vtn?.close());

it('an accepted oadrCreatedEvent is one info line; its message line is debug; a refused one is info', async () => {
  const { lines, logger } = capturedPino('debug');
  vtn = await createVtn({ inMemory: true, openEnrollment: true, logger, host: '127.0.0.1', port: 0 });
  const url = await vtn.listen();
  const ven = new TestVen({ baseUrl: url.slice(0, url.length - vtn.prefix.length), venName: 'opt-log' });
  await ven.register();
  const handle = await vtn.addEvent({ venIds: [ven.venId!], signalName: 'SIMPLE', signalType: 'level', intervals: [{ dtstart: new Date(Date.now() + 3_600_000), duration: 'PT1H', payload: 1 }] });
  const distribute = await ven.requestEvent();
  expect(responseCode(await ven.respondToEvents(distribute))).toBe('200');
  await expect.poll(() => lines.filter((l) => l.msg === 'opt responses recorded').length).toBe(1);
  const created = lines.filter((l) => l.msg === 'openadr message' && l.type === 'oadrCreatedEvent');
  expect(created.map((l) => [l.level, l.code])).toEqual([[20, 200]]);
  expect(lines.find((l) => l.msg === 'opt responses recorded')).toMatchObject({ level: 30, venId: ven.venId, responses: [{ eventId: handle.eventId, optType: 'optIn' }] });

  expect(responseCode(await ven.createdEvent([{ eventId: 'no-such-event', modificationNumber: 0, optType: 'optIn' }]))).toBe('452');
  const refused = lines.filter((l) => l.msg === 'openadr message' && l.type === 'oadrCreatedEvent' && l.code === 452);
  expect(refused.map((l) => l.level)).toEqual([30]);
});
