// A handler that throws answers a plain 500 and leaves one error line with its cause in the VTN's pino log.
import { afterEach, expect, it } from 'vitest';
import { createVtn } from '../../../src/create-vtn.js';
import type { VtnServer } from '../../../src/http/vtn-server.js';
import { capturedPino } from '../../helpers/capture-log.js';
import { TestVen } from '../../helpers/test-ven.js';

let vtn: VtnServer | undefined;
afterEach(async () => vtn?.close());

it('a poll whose handler throws is a plain 500 logged with stack, request id and route (the vtn start logger)', async () => {
  const { lines, logger } = capturedPino();
  // vtn start hands its pino logger to createVtn exactly like this.
  vtn = await createVtn({ inMemory: true, openEnrollment: true, logger, host: '127.0.0.1', port: 0 });
  vtn.addHandler('onPoll', () => { throw new Error('secret detail from the poll handler'); });
  const url = await vtn.listen();
  const ven = new TestVen({ baseUrl: url.slice(0, url.length - vtn.prefix.length), venName: 'v' });
  await ven.register();
  const reply = await ven.poll();
  expect(reply.status).toBe(500);
  expect(reply.body).toBe('internal error; see the VTN log');
  await expect.poll(() => lines.filter((l) => l.msg === 'internal error while handling a request').length).toBe(1);
  const line = lines.find((l) => l.msg === 'internal error while handling a request')!;
  expect(line.level).toBe(50);
  const err = line.err as { message: string; stack: string };
  expect(err.message).toBe('secret detail from the poll handler');
  expect(err.stack).toContain('http-500-logged.test.ts');
  expect(line.reqId).toEqual(expect.any(String));
  expect(line.route).toBe('/OpenADR2/Simple/2.0b/:service');
  expect(line.method).toBe('POST');
});
