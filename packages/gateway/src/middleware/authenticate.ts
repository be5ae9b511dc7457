import type { Middleware } from '../context.js';
import { apiKeyActive, apiKeyId, apiKeyMatches } from '../auth/api-keys.js';
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
  return async function authenticateStep(ctx, next) {
    const credential = presentedCredential(ctx.req.headers);
    if (!credential) {
      reject(ctx, 'AUTH_REQUIRED', 'Missing API key: send Authorization: Bearer <key>', {
        code: 'missing_api_key',
      });
    }
    const id = apiKeyId(credential);
    if (id !== undefined) {
      const record = keys.get(id);
      if (!record || !apiKeyMatches(credential, record) || !apiKeyActive(record, new Date())) {
        reject(ctx, 'AUTH_INVALID', 'Invalid, revoked or expired API key', {
          code: 'invalid_api_key',
        });
      }
      ctx.principal = {
        id: record.id,
        kind: 'api_key',
        tenant: record.tenant,
        roles: record.roles,
        ...(record.allowedModels ? { allowedModels: record.allowedModels } : {}),
        ...(record.allowedTools ? { allowedTools: record.allowedTools } : {}),
        ...(record.limits ? { limits: record.limits } : {}),
      };
    } else {
      const principal =
        jwt && credential.split('.').length === 3 ? await jwt(credential) : undefined;
      if (!principal)
        reject(ctx, 'AUTH_INVALID', 'Invalid API key or token', { code: 'invalid_api_key' });
      ctx.principal = principal;
    }
    await next();
  };
}
