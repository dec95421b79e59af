import { describe, expect, it } from 'vitest';
import { HandlerRegistry, HANDLER_NAMES, resolveHandlerName } from '../../../src/vtn/handlers.js';
import { VtnError } from '../../../src/errors.js';

describe('handler registry', () => {
  it('accepts every documented name and OpenLEADR snake_case spellings', () => {
    for (const name of HANDLER_NAMES) expect(resolveHandlerName(name)).toBe(name);
    expect(resolveHandlerName('on_create_party_registration')).toBe('onCreatePartyRegistration');
    expect(resolveHandlerName('ven_lookup')).toBe('venLookup');
    expect(resolveHandlerName('on_register_report')).toBe('onRegisterReport');
  });

  it('an unknown name throws E_HANDLER_NAME with a suggestion and the valid names', () => {
    let err: unknown;
    try { resolveHandlerName('onCreatePartyRegistraton'); } catch (e) { err = e; }
    expect(err).toBeInstanceOf(VtnError);
    expect((err as VtnError).code).toBe('E_HANDLER_NAME');
    expect((err as VtnError).message).toMatch(/Did you mean onCreatePartyRegistration\?/);
    expect((err as VtnError).message).toMatch(/venLookup/);
    expect(() => resolveHandlerName('totallyDifferent')).toThrow(/Valid names/);
  });

  it('refuses a handler that is not a function and replaces an installed one', () => {
    const reg = new HandlerRegistry();
    expect(() => reg.set('onPoll', 'nope' as never)).toThrow(/must be a function/);
    const a = () => undefined;
    const b = () => undefined;
    reg.set('onPoll', a);
    reg.set('on_poll', b);
    expect(reg.get('onPoll')).toBe(b);
  });
});
