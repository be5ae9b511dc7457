import { SignJWT, exportJWK, generateKeyPair } from 'jose';
import { describe, expect, it } from 'vitest';
import { createJwtVerifier } from '../src/index.js';
import { post, startGateway } from './harness.js';

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

  it('authenticates gateway requests with a bearer JWT and applies its roles', async () => {
    const { publicKey, privateKey } = await generateKeyPair('ES256');
    const jwk = { ...(await exportJWK(publicKey)), kid: 'k1', alg: 'ES256' };
    const gw = await startGateway({
      jwt: createJwtVerifier({
        issuer: 'https://idp.test',
        audience: 'bulwark',
        jwks: { keys: [jwk] },
      }),
    });
    try {
      const token = (roles: string[]) =>
        new SignJWT({ roles, tenant: 'acme' })
          .setProtectedHeader({ alg: 'ES256', kid: 'k1' })
          .setSubject('bob')
          .setIssuer('https://idp.test')
          .setAudience('bulwark')
          .setExpirationTime('5m')
          .sign(privateKey);
      const body = { model: 'bulwark-sim', messages: [{ role: 'user', content: 'hi' }] };
      expect(
        (await post(`${gw.url}/v1/chat/completions`, await token(['user']), body)).status,
      ).toBe(200);
      expect(
        (await post(`${gw.url}/v1/chat/completions`, await token(['guest']), body)).status,
      ).toBe(403);
      expect((await post(`${gw.url}/v1/chat/completions`, 'x.y.z', body)).status).toBe(401);
      expect(gw.audit.events.find((e) => e.status === 200)?.principal).toBe('jwt:bob');
    } finally {
      await gw.close();
    }
  });
});
