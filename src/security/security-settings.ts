// Option shapes for mutual TLS, XML signatures and a TLS-terminating proxy (VtnOptions.tls / .signing / .trustedProxy).
import type { PemInput } from './pem-source.js';

export interface TlsSettings {
  /** Server certificate(s); several (e.g. one RSA and one ECC) are offered at once. Order matches `key`. */
  cert: PemInput | PemInput[];
  /** Private key(s) for `cert`, same order. */
  key: PemInput | PemInput[];
  /** CA certificate(s) that VEN client certificates must chain to. */
  ca: PemInput | PemInput[];
  /** Passphrase of encrypted private keys. */
  passphrase?: string;
  /** Name of an environment variable holding the passphrase (keeps it out of config files). */
  passphraseEnv?: string;
  /** OpenSSL cipher list for TLS 1.2; default: modern AEAD suites plus the two OpenADR 2.0b suites. */
  ciphers?: string;
  /** Lowest TLS version accepted; default TLSv1.2 (lower values are refused). */
  minVersion?: 'TLSv1.2' | 'TLSv1.3';
}

export interface SigningSettings {
  /** Certificate put in KeyInfo of every signed reply (RSA, or ECC on P-256). */
  cert: PemInput;
  /** Private key that signs replies: RSA signs RSA-SHA256, EC P-256 signs ECDSA-SHA256. */
  key: PemInput;
  passphrase?: string;
  passphraseEnv?: string;
  /** How far an incoming ReplayProtect timestamp may be from the VTN clock, either way; ms or ISO 8601; default PT1M. */
  replayWindow?: number | string;
  /** Most (timestamp, nonce) pairs remembered; default 100000. */
  replayCacheSize?: number;
}

export interface TrustedProxySettings {
  /** Header carrying the client-certificate fingerprint or the URL-encoded PEM, e.g. x-ssl-client-cert. */
  header: string;
  /** Remote addresses of the proxies allowed to set the header (exact IPv4/IPv6 addresses). */
  addresses: string[];
}
