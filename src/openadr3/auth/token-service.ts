// Access tokens: HS256 JWTs the VTN signs (POST /auth/token), or an external issuer's tokens checked against its JWKS.
import { randomBytes } from 'node:crypto';
import type { createRemoteJWKSet, JWTPayload } from 'jose';
import type { Store } from '../../store/store.js';
import { ROLE_SCOPES, type ClientRole, type Principal } from './scopes.js';
import type { ClientEntry } from './client-catalogue.js';
import { verifyHs256 } from './hs256-verify.js';

export interface ExternalIssuerSettings {
  /** The issuer's JWKS document, e.g. https://login.example.com/.well-known/jwks.json. */
  jwksUrl: string;
  /** Required `aud` of accepted tokens. */
  audience: string;
  /** Required `iss`, when given. */
  issuer?: string;
  /** Claim holding the space-separated scopes (default `scope`). */
  scopeClaim?: string;
  /** Claim holding the clientID (default `client_id`, then `sub`). */
  clientIdClaim?: string;
}

export interface TokenSettings {
  /** Lifetime of issued tokens in seconds (default 3600). */
  ttlSeconds: number;
  /** `iss` and `aud` of issued tokens. */
  issuer: string;
  /** HS256 key; when absent one is created once in the store, so every instance signs and verifies alike. */
  secret?: string;
  external?: ExternalIssuerSettings;
}

const KEY_RECORD = 'openadr3.tokenKey';
// jose costs ~300 ms of module loading: imported when a token is first issued or a foreign one checked, not at start.
const jose = () => import('jose');
const AUDIENCE = 'openadr3';
/** Tokens whose check is remembered (a VEN sends the same token for its whole lifetime); the oldest goes first. */
const VERIFIED_KEPT = 20_000;
/** An external issuer's token is checked again after this long at most (its key set may have dropped the key). */
const EXTERNAL_RECHECK_MS = 60_000;

interface Verified { principal: Principal; fromMs: number; untilMs: number }

export class TokenService {
  #key: Uint8Array | undefined;
  #jwks: Promise<ReturnType<typeof createRemoteJWKSet>> | undefined;
  /** Token text → its principal, until its exp: a request with a token seen before skips the MAC and JSON parse. */
  readonly #verified = new Map<string, Verified>();

  constructor(private readonly settings: TokenSettings, private readonly store: Store) {
    // A malformed JWKS URL is a start-up error, as before the key set became lazy.
    if (settings.external) new URL(settings.external.jwksUrl);
  }

  async issue(client: ClientEntry, now = new Date()): Promise<{ access_token: string; token_type: 'Bearer'; expires_in: number; scope: string }> {
    const scopes = scopesOf(client);
    const iat = Math.floor(now.getTime() / 1000);
    const { SignJWT } = await jose();
    const token = await new SignJWT({ scope: scopes.join(' '), role: client.role, client_id: client.clientID })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setSubject(client.clientID).setIssuer(this.settings.issuer).setAudience(AUDIENCE)
      .setIssuedAt(iat).setExpirationTime(iat + this.settings.ttlSeconds)
      .sign(await this.#signingKey());
    return { access_token: token, token_type: 'Bearer', expires_in: this.settings.ttlSeconds, scope: scopes.join(' ') };
  }

  /** The principal of a valid token, or undefined (bad signature, expired, wrong audience/issuer, unknown role). */
  async verify(token: string, now = new Date()): Promise<Principal | undefined> {
    const known = this.#verified.get(token);
    if (known) {
      if (now.getTime() < known.untilMs && now.getTime() >= known.fromMs) return known.principal;
      this.#verified.delete(token);
    }
    const own = verifyHs256(token, await this.#signingKey(), { issuer: this.settings.issuer, audience: AUDIENCE }, now);
    if (own) return this.#remember(token, principalOf(own, 'token', token, 'client_id', 'scope'), own, (own.exp as number) * 1000);
    const ext = this.settings.external;
    if (!ext) return undefined;
    // Created on first use: the key set is fetched (and cached by jose) only when a foreign token arrives.
    this.#jwks ??= jose().then((j) => j.createRemoteJWKSet(new URL(ext.jwksUrl), { timeoutDuration: 5000, cooldownDuration: 30_000 }));
    try {
      const { jwtVerify } = await jose();
      const { payload } = await jwtVerify(token, await this.#jwks, { audience: ext.audience, ...(ext.issuer ? { issuer: ext.issuer } : {}), currentDate: now });
      const exp = typeof payload.exp === 'number' ? payload.exp * 1000 : now.getTime();
      return this.#remember(token, principalOf(payload, 'external-token', token, ext.clientIdClaim ?? 'client_id', ext.scopeClaim ?? 'scope'), payload, Math.min(exp, now.getTime() + EXTERNAL_RECHECK_MS));
    } catch {
      return undefined;
    }
  }

  /** Only valid tokens are kept (a stranger cannot make one), at most VERIFIED_KEPT of them. */
  #remember(token: string, principal: Principal | undefined, claims: JWTPayload, untilMs: number): Principal | undefined {
    if (!principal) return undefined;
    if (this.#verified.size >= VERIFIED_KEPT) this.#verified.delete(this.#verified.keys().next().value!);
    this.#verified.set(token, { principal, fromMs: typeof claims.nbf === 'number' ? claims.nbf * 1000 : Number.NEGATIVE_INFINITY, untilMs });
    return principal;
  }

  async #signingKey(): Promise<Uint8Array> {
    if (this.#key) return this.#key;
    if (this.settings.secret) return (this.#key = new TextEncoder().encode(this.settings.secret));
    // create() refuses a second writer: when instances start together one key wins and all read it.
    const stored = await this.store.unit(async (u) => {
      const existing = (await u.meta.get(KEY_RECORD)) as { key: string } | undefined;
      if (existing) return existing.key;
      const key = randomBytes(32).toString('base64url');
      u.meta.create(KEY_RECORD, { key });
      return key;
    }, { label: 'openadr3 token key' });
    return (this.#key = Buffer.from(stored, 'base64url'));
  }
}

export function scopesOf(client: ClientEntry): string[] {
  return client.scopes ?? [...ROLE_SCOPES[client.role]];
}

function principalOf(payload: JWTPayload, via: Principal['via'], token: string, idClaim: string, scopeClaim: string): Principal | undefined {
  const clientID = typeof payload[idClaim] === 'string' ? payload[idClaim] : payload.sub;
  const scopeText = payload[scopeClaim];
  const scopes = new Set(typeof scopeText === 'string' ? scopeText.split(' ').filter(Boolean) : Array.isArray(scopeText) ? scopeText.map(String) : []);
  if (!clientID) return undefined;
  // A token's role claim decides; an external token without one is BL only when it carries BL's write scopes.
  const claimed = payload.role;
  const role: ClientRole = claimed === 'bl' || claimed === 'ven' ? claimed : scopes.has('write_events') || scopes.has('write_programs') ? 'bl' : 'ven';
  return { clientID, role, scopes, via, token };
}
