import {
  createLocalJWKSet,
  createRemoteJWKSet,
  importSPKI,
  jwtVerify,
  type CryptoKey,
  type JWTPayload,
  type JWTVerifyGetKey,
} from 'jose';
import type { Principal } from './principal.js';

/** JWT bearer settings: issuer, audience and keys (JWKS URL, inline JWKS or a PEM public key). */
export interface JwtOptions {
  issuer: string;
  audience: string;
  jwksUrl?: string;
  jwks?: { keys: Record<string, unknown>[] };
  publicKeyPem?: string;
  algorithms?: string[];
  /** Claim holding roles (array or space-separated string); default `roles`. */
  rolesClaim?: string;
  /** Claim holding the tenant; default `tenant`. */
  tenantClaim?: string;
}

/** Verifies a JWT (signature, `iss`, `aud`, `exp`/`nbf` per RFC 7519 §4.1) into a principal. */
export type JwtVerifier = (token: string) => Promise<Principal | undefined>;

export function createJwtVerifier(options: JwtOptions): JwtVerifier {
  let key: JWTVerifyGetKey | Promise<CryptoKey> | undefined;
  if (options.jwksUrl) key = createRemoteJWKSet(new URL(options.jwksUrl));
  else if (options.jwks)
    key = createLocalJWKSet(options.jwks as Parameters<typeof createLocalJWKSet>[0]);
  else if (options.publicKeyPem)
    key = importSPKI(options.publicKeyPem, options.algorithms?.[0] ?? 'RS256');
  if (!key) throw new Error('jwt: one of jwksUrl, jwks or publicKeyPem is required');
  const resolved = key;
  const rolesClaim = options.rolesClaim ?? 'roles';
  const tenantClaim = options.tenantClaim ?? 'tenant';
  return async (token) => {
    let payload: JWTPayload;
    try {
      const verifyOptions = {
        issuer: options.issuer,
        audience: options.audience,
        requiredClaims: ['exp'],
        ...(options.algorithms ? { algorithms: options.algorithms } : {}),
      };
      const result =
        typeof resolved === 'function'
          ? await jwtVerify(token, resolved, verifyOptions)
          : await jwtVerify(token, await resolved, verifyOptions);
      payload = result.payload;
    } catch {
      return undefined;
    }
    const rawRoles = payload[rolesClaim];
    const roles = Array.isArray(rawRoles)
      ? rawRoles.filter((r): r is string => typeof r === 'string')
      : typeof rawRoles === 'string'
        ? rawRoles.split(' ').filter(Boolean)
        : [];
    const tenant = payload[tenantClaim];
    return {
      id: `jwt:${payload.sub ?? 'anonymous'}`,
      kind: 'jwt',
      tenant: typeof tenant === 'string' ? tenant : 'default',
      roles,
    };
  };
}
