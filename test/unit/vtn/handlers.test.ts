import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { HandlerRegistry, HANDLER_NAMES, resolveHandlerName } from '../../../src/vtn/handlers.js';
import { ERROR_CODES, VtnError } from '../../../src/errors.js';

function errorOf(fn: () => unknown): VtnError {
  try { fn(); } catch (e) { return e as VtnError; }
  throw new Error('expected a VtnError');
}

describe('handler registry', () => {
  it('accepts every documented camelCase name', () => {
    for (const name of HANDLER_NAMES) expect(resolveHandlerName(name)).toBe(name);
  });

  it.each([
    ['on_create_party_registration', 'onCreatePartyRegistration'],
    ['ven_lookup', 'venLookup'],
    ['on_register_report', 'onRegisterReport'],
    ['on_poll', 'onPoll'],
  ])('refuses OpenLEADR\'s %s with E_HANDLER_SNAKE_CASE, naming %s and openadr-vtn/openleadr', (snake, camel) => {
    const err = errorOf(() => resolveHandlerName(snake));
    expect(err).toBeInstanceOf(VtnError);
    expect(err.code).toBe('E_HANDLER_SNAKE_CASE');
    expect(err.message).toContain(`Use ${camel}`);
    expect(err.message).toContain("'openadr-vtn/openleadr'");
  });

  it('a snake_case name OpenLEADR does not have still points to the compatibility module', () => {
    const err = errorOf(() => resolveHandlerName('on_request_event'));
    expect(err.code).toBe('E_HANDLER_SNAKE_CASE');
    expect(err.message).toContain('openadr-vtn/openleadr');
  });

  it('an unknown name throws E_HANDLER_NAME with a suggestion and the valid names', () => {
    const err = errorOf(() => resolveHandlerName('onCreatePartyRegistraton'));
    expect(err).toBeInstanceOf(VtnError);
    expect(err.code).toBe('E_HANDLER_NAME');
    expect(err.message).toMatch(/Did you mean onCreatePartyRegistration\?/);
    expect(err.message).toMatch(/venLookup/);
    expect(() => resolveHandlerName('totallyDifferent')).toThrow(/Valid names/);
  });

  it('refuses a handler that is not a function and replaces an installed one; a snake_case name installs nothing', () => {
    const reg = new HandlerRegistry();
    expect(() => reg.set('onPoll', 'nope' as never)).toThrow(/must be a function/);
    const a = () => undefined;
    const b = () => undefined;
    reg.set('onPoll', a);
    expect(() => reg.set('on_poll', b)).toThrow(/camelCase/);
    expect(reg.get('onPoll')).toBe(a);
    reg.set('onPoll', b);
    expect(reg.get('onPoll')).toBe(b);
  });
});

describe('documentation', () => {
  it('README Errors explains E_HANDLER_SNAKE_CASE and the errors catalogue has it', () => {
    const readme = readFileSync(new URL('../../../README.md', import.meta.url), 'utf8');
    const errors = readme.slice(readme.indexOf('\n## Errors'), readme.indexOf('\n## ', readme.indexOf('\n## Errors') + 4));
    expect(errors).toContain('E_HANDLER_SNAKE_CASE');
    expect(ERROR_CODES).toHaveProperty('E_HANDLER_SNAKE_CASE');
  });
});
