// Facts for a dry run (vtn test, vtn explain --facts): derived catalogue, certificate and calendar facts,
// overlaid with the facts the user gave.
import type { Catalogue } from '../catalogue/catalogue.js';
import type { Trigger } from '../facts/fact-catalogue.js';
import { calendarFacts } from '../facts/calendar-facts.js';
import { catalogueFacts, registrationFacts, type Facts } from '../facts/trigger-facts.js';

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

export function dryRunFacts(trigger: Trigger, given: Facts, catalogue: Catalogue, at: Date): Facts {
  const venId = str(given['ven.id']);
  const venName = str(given['ven.name']);
  if (trigger === 'registration') {
    const fingerprint = str(given['ven.fingerprint']);
    const registrationId = str(given['ven.registrationId']);
    const derived = registrationFacts({
      ...(venName !== undefined ? { venName } : {}), ...(venId !== undefined ? { venId } : {}),
      ...(fingerprint !== undefined ? { fingerprint } : {}), ...(registrationId !== undefined ? { registrationId } : {}),
      profileName: '2.0b', transportName: 'simpleHttp', httpPullModel: true, xmlSignature: false, reportOnly: false, requestId: 'dry-run',
    }, catalogue, at);
    return { ...derived, ...given };
  }
  return { 'ven.id': null, 'ven.name': null, ...catalogueFacts(catalogue.entryFor({ venId, venName })), ...calendarFacts(at, catalogue.calendar), ...given };
}
