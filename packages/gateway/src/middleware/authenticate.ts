import type { GatewayContext, Middleware } from '../context.js';
import { apiKeyActive, apiKeyId, apiKeyMatches, type ApiKeyRecord } from '../auth/api-keys.js';
import type { Principal } from '../auth/principal.js';
import type { JwtVerifier } from '../auth/jwt-verifier.js';
import type { KeyStore } from '../auth/key-store.js';
import { reject } from '../http/reject.js';

/** The presented credential: `Authorization: Bearer …` or Anthropic's `x-api-key`. */
export function presentedCredential(
  headers: Record<string, string | string[] | undefined>,
): string | undefined {
  const auth = headers.authorization;
  if (typeof auth === 'string' && auth.startsWith('Bearer ')) return auth.slice(7).trim();
  const apiKey = headers['x-api-key'];
  return typeof apiKey === 'string' ? apiKey.trim() : undefined;
}

/**
 * API keys (looked up by their id, compared by hash in constant time,
 * checked for revocation and expiry) or JWT bearer tokens. 401 otherwise;
 * the error never repeats the presented credential.
 */
export function authenticate(keys: KeyStore, jwt: JwtVerifier | undefined): Middleware {
  return function authenticateStep(ctx, next) {
    const credential = presentedCredential(ctx.req.headers);
    if (!credential) {
      reject(ctx, 'AUTH_REQUIRED', 'Missing API key: send Authorization: Bearer <key>', {
        code: 'missing_api_key',
      });
    }
    const id = apiKeyId(credential);
    if (id === undefined) return authenticateToken(ctx, credential, jwt, next);
    const record = keys.get(id);
    if (!record || !apiKeyMatches(credential, record) || !apiKeyActive(record, new Date())) {
      reject(ctx, 'AUTH_INVALID', 'Invalid, revoked or expired API key', {
        code: 'invalid_api_key',
      });
    }
    ctx.principal = principalOf(record);
    return next();
  };
}

/** A credential that is not a Bulwark API key: a JWT when a verifier is configured. */
async function authenticateToken(
  ctx: GatewayContext,
  credential: string,
  jwt: JwtVerifier | undefined,
  next: () => Promise<void>,
): Promise<void> {
  const principal = jwt && credential.split('.').length === 3 ? await jwt(credential) : undefined;
  if (!principal)
    reject(ctx, 'AUTH_INVALID', 'Invalid API key or token', { code: 'invalid_api_key' });
  ctx.principal = principal;
  await next();
}

/** Principals built per key record, with the record fields they were built from. */
const principals = new WeakMap<ApiKeyRecord, { from: PrincipalSource; principal: Principal }>();

/** The record fields a principal copies (by reference). */
type PrincipalSource = {
  readonly [
    F in 'id' | 'tenant' | 'roles' | 'allowedModels' | 'allowedTools' | 'limits'
  ]: ApiKeyRecord[F];
};

/**
 * The (frozen) principal of a key record, built once per record and rebuilt
 * when one of the fields it copies was replaced. Revocation and expiry are
 * checked by the caller on every request, never cached.
 */
function principalOf(record: ApiKeyRecord): Principal {
  const cached = principals.get(record);
  if (
    cached &&
    cached.from.id === record.id &&
    cached.from.tenant === record.tenant &&
    cached.from.roles === record.roles &&
    cached.from.allowedModels === record.allowedModels &&
    cached.from.allowedTools === record.allowedTools &&
    cached.from.limits === record.limits
  )
    return cached.principal;
  const { id, tenant, roles, allowedModels, allowedTools, limits } = record;
  const principal: Principal = Object.freeze({
    id,
    kind: 'api_key',
    tenant,
    roles,
    ...(allowedModels ? { allowedModels } : {}),
    ...(allowedTools ? { allowedTools } : {}),
    ...(limits ? { limits } : {}),
  });
  principals.set(record, {
    from: { id, tenant, roles, allowedModels, allowedTools, limits },
    principal,
  });
  return principal;
}
