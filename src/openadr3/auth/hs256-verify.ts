// The VTN's own access tokens (HS256 compact JWS) checked synchronously with node:crypto: jose's WebCrypto check
// costs ~200 µs of CPU per token, this a few µs. The checks are jose's for these tokens: the header says HS256 (no
// crit, no b64), the MAC matches in constant time, iss and aud are ours, exp is still ahead, nbf (if any) reached.
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { JWTPayload } from 'jose';

const SEGMENT = /^[A-Za-z0-9_-]+$/;
/** An HMAC-SHA-256 in base64url without padding. */
const SIGNATURE = /^[A-Za-z0-9_-]{43}$/;

function jsonObject(segment: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(Buffer.from(segment, 'base64url').toString('utf8'));
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** The claims of a valid token, or undefined for any fault (the caller answers 401 without saying which). */
export function verifyHs256(token: string, key: Uint8Array, expected: { issuer: string; audience: string }, now: Date): JWTPayload | undefined {
  const parts = token.split('.');
  if (parts.length !== 3) return undefined;
  const [head, body, signature] = parts as [string, string, string];
  if (!SEGMENT.test(head) || !SEGMENT.test(body) || !SIGNATURE.test(signature)) return undefined;
  const mac = createHmac('sha256', key).update(`${head}.${body}`).digest();
  if (!timingSafeEqual(mac, Buffer.from(signature, 'base64url'))) return undefined;
  const header = jsonObject(head);
  if (!header || header.alg !== 'HS256' || 'crit' in header || 'b64' in header) return undefined;
  const claims = jsonObject(body) as JWTPayload | undefined;
  if (!claims || claims.iss !== expected.issuer) return undefined;
  const aud = claims.aud;
  if (aud !== expected.audience && !(Array.isArray(aud) && aud.includes(expected.audience))) return undefined;
  const seconds = Math.floor(now.getTime() / 1000);
  if (typeof claims.exp !== 'number' || claims.exp <= seconds) return undefined;
  if (claims.nbf !== undefined && (typeof claims.nbf !== 'number' || claims.nbf > seconds)) return undefined;
  if (claims.iat !== undefined && typeof claims.iat !== 'number') return undefined;
  return claims;
}
