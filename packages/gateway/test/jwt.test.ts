import { SignJWT, exportJWK, generateKeyPair } from 'jose';
import { describe, expect, it } from 'vitest';
import { createJwtVerifier } from '../src/index.js';

describe('JWT bearer tokens', () => {
  it('accepts a valid token, maps claims to roles and rejects wrong aud, iss or expiry', async () => {
    const { publicKey, privateKey } = await generateKeyPair('ES256');
    const jwk = { ...(await exportJWK(publicKey)), kid: 'k1', alg: 'ES256' };
    const verify = createJwtVerifier({
      issuer: 'https://idp.test',
      audience: 'bulwark',
      jwks: { keys: [jwk] },
    });
    const sign = (claims: { iss?: string; aud?: string; exp?: string }) =>
      new SignJWT({ roles: ['user', 'admin'], tenant: 'acme' })
        .setProtectedHeader({ alg: 'ES256', kid: 'k1' })
        .setSubject('alice')
        .setIssuer(claims.iss ?? 'https://idp.test')
        .setAudience(claims.aud ?? 'bulwark')
        .setIssuedAt()
        .setExpirationTime(claims.exp ?? '5m')
        .sign(privateKey);
    expect(await verify(await sign({}))).toMatchObject({
      id: 'jwt:alice',
      tenant: 'acme',
      roles: ['user', 'admin'],
    });
    expect(await verify(await sign({ aud: 'other' }))).toBeUndefined();
    expect(await verify(await sign({ iss: 'https://evil.test' }))).toBeUndefined();
    expect(await verify(await sign({ exp: '1s ago' }))).toBeUndefined();
    expect(await verify('a.b.c')).toBeUndefined();
  });
});
