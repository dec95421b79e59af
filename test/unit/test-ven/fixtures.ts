// Loads the hand-written VTN replies in fixtures/ as VenReply values, as TestVen.post would build them.
import { readFileSync } from 'node:fs';
import { parseReplyBody, type VenReply } from '../../helpers/ven-xml/reply-parse.js';

export function fixtureText(name: string): string {
  return readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');
}

export function fixtureReply(name: string, status = 200): VenReply {
  const body = fixtureText(name);
  return { status, contentType: 'application/xml; charset=utf-8', body, ...parseReplyBody(body) };
}

export const FIXTURE_FILES = [
  'cancel-party-registration.xml', 'cancel-report.xml', 'create-report.xml', 'created-party-registration.xml',
  'distribute-event.xml', 'register-report-empty.xml', 'registered-report.xml', 'response-452.xml',
];
