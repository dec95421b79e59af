// Roles and scopes of OpenADR 3 clients (the document's oAuth2ClientCredentials scopes) and the check per operation.

export type ClientRole = 'ven' | 'bl';

/** What each role is granted when its catalogue entry lists no scopes of its own. */
export const ROLE_SCOPES: Record<ClientRole, readonly string[]> = {
  bl: ['read_all', 'read_bl', 'write_programs', 'write_events', 'write_subscriptions', 'write_vens'],
  ven: ['read_targets', 'read_ven_objects', 'write_reports', 'write_subscriptions', 'write_vens'],
};

export const KNOWN_SCOPES = [...new Set([...ROLE_SCOPES.bl, ...ROLE_SCOPES.ven])];

/** Who is asking: from a token, an external issuer's token or a client certificate. */
export interface Principal {
  clientID: string;
  role: ClientRole;
  scopes: ReadonlySet<string>;
  /** How the identity was established. */
  via: 'token' | 'external-token' | 'certificate';
  /** The bearer token the request carried (a subscription keeps it for its callbacks' Authorization header). */
  token?: string;
  /** Client-certificate fingerprint when the request came over mutual TLS. */
  fingerprint?: string;
}

/** True when `granted` satisfies every scope an operation requires; BL's read_all covers the narrower reads. */
export function grants(granted: ReadonlySet<string>, required: readonly string[]): boolean {
  return required.every((scope) => granted.has(scope) || (scope.startsWith('read_') && granted.has('read_all')));
}

/** BL sees everything; a VEN sees objects by clientID and programs/events through its granted targets. */
export const isBusinessLogic = (p: Principal): boolean => p.role === 'bl';
