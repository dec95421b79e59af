import { Ajv } from 'ajv';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { decodeOadrPayload } from '../../../src/oadr/decode.js';
import { encodeOadrPayload } from '../../../src/oadr/encode.js';
import { ALL_SAMPLES, SAMPLES } from './fixtures.js';

describe('no per-call schema work', () => {
  afterEach(() => vi.restoreAllMocks());

  it('the encoder never compiles or adds a schema', () => {
    const compile = vi.spyOn(Ajv.prototype, 'compile');
    const addSchema = vi.spyOn(Ajv.prototype, 'addSchema');
    for (let i = 0; i < 20; i += 1) for (const msg of ALL_SAMPLES) encodeOadrPayload(msg);
    expect(compile).not.toHaveBeenCalled();
    expect(addSchema).not.toHaveBeenCalled();
  });

  it('the decoder compiles a message type\'s schema the first time that type arrives, and never again', () => {
    const compile = vi.spyOn(Ajv.prototype, 'compile');
    const docs = ALL_SAMPLES.map((m) => encodeOadrPayload(m));
    decodeOadrPayload(docs[0] ?? '');
    // One type seen: only its own schema compiled (the first message after a start no longer waits for all 23).
    expect(compile.mock.calls.length).toBe(1);
    for (const xml of docs) decodeOadrPayload(xml);
    const afterAll = compile.mock.calls.length;
    expect(afterAll).toBe(new Set(ALL_SAMPLES.map((m) => m.type)).size);
    for (let i = 0; i < 5; i += 1) for (const xml of docs) decodeOadrPayload(xml);
    decodeOadrPayload(encodeOadrPayload(SAMPLES.oadrPoll), { maxDepth: 10 });
    expect(compile.mock.calls.length).toBe(afterAll);
  });
});
