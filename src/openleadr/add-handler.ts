// add_handler(name, fn): OpenLEADR's handler names, each wrapped so the typed core calls it the guide's way.
import { VtnError, type Vtn } from '../index.js';
import { poll } from './poll-message.js';
import { cancelPartyRegistration, createdEvent, createPartyRegistration, venLookup } from './registration-adapters.js';
import { registerReport } from './report-adapters.js';
import type { OpenLeadrHandlerName, OpenLeadrHandlers } from './types.js';

export const OPENLEADR_HANDLER_NAMES: readonly OpenLeadrHandlerName[] = [
  'on_create_party_registration', 'on_register_report', 'on_created_event', 'on_cancel_party_registration', 'on_poll', 'ven_lookup',
];

// OpenLEADR names this module does not take yet, with what to do instead.
const NOT_YET: Record<string, string> = {
  on_query_registration: 'the VTN answers oadrQueryRegistration itself, as the guide recommends',
  on_request_event: 'the VTN answers oadrRequestEvent from its event list',
  on_update_report: 'use the callback returned by on_register_report, or vtn.addHandler(\'onUpdateReport\') on server.vtn',
  on_create_report: 'not supported',
  on_created_report: 'use vtn.addHandler(\'onCreatedReport\') on server.vtn',
  on_request_report: 'not supported',
};

function refuse(name: string): never {
  if (typeof name === 'string' && Object.hasOwn(NOT_YET, name)) {
    throw new VtnError('E_HANDLER_NAME', `openadr-vtn/openleadr does not take the handler ${name}: ${NOT_YET[name]}.`, `Handlers: ${OPENLEADR_HANDLER_NAMES.join(', ')}.`);
  }
  const camel = typeof name === 'string' && /[A-Z]/.test(name);
  throw new VtnError('E_HANDLER_NAME', `Unknown OpenLEADR handler name ${JSON.stringify(name)}.`,
    `${camel ? 'camelCase handlers belong to the typed API: (await server.vtn).addHandler(…). ' : ''}Handlers: ${OPENLEADR_HANDLER_NAMES.join(', ')}.`);
}

/** Checks name and function now (add_handler is synchronous in OpenLEADR); returns the installer for the VTN. */
export function handlerInstaller(name: string, fn: unknown): (vtn: Vtn) => void {
  if (!(OPENLEADR_HANDLER_NAMES as readonly string[]).includes(name)) refuse(name);
  if (typeof fn !== 'function') throw new VtnError('E_HANDLER_NAME', `Handler ${name} must be a function, got ${typeof fn}.`, 'Pass the function (or async function) itself.');
  const n = name as OpenLeadrHandlerName;
  return (vtn) => {
    switch (n) {
      case 'on_create_party_registration': return vtn.addHandler('onCreatePartyRegistration', createPartyRegistration(fn as OpenLeadrHandlers[typeof n]));
      case 'on_register_report': return vtn.addHandler('onRegisterReportFull', registerReport(fn as OpenLeadrHandlers[typeof n]));
      case 'on_created_event': return vtn.addHandler('onCreatedEvent', createdEvent(fn as OpenLeadrHandlers[typeof n]));
      case 'on_cancel_party_registration': return vtn.addHandler('onCancelPartyRegistration', cancelPartyRegistration(fn as OpenLeadrHandlers[typeof n]));
      case 'ven_lookup': return vtn.addHandler('venLookup', venLookup(fn as OpenLeadrHandlers[typeof n]));
      case 'on_poll': {
        const ctx = { vtnId: vtn.options.vtnId ?? '', now: vtn.options.now ?? (() => new Date()) };
        return vtn.addHandler('onPoll', poll(fn as OpenLeadrHandlers[typeof n], ctx));
      }
    }
  };
}
