import { generateKeyPairSync } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { preAuthEncoding } from '../../src/integrity/dsse.js';
import { signModelDirectory, verifyModelDirectory } from '../../src/integrity/model-signing.js';

function keys() {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  return {
    priv: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    pub: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
  };
}

function modelDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'bulwark-sign-'));
  mkdirSync(join(dir, 'sub'));
  writeFileSync(join(dir, 'config.json'), '{"a":1}');
  writeFileSync(join(dir, 'model.safetensors'), Buffer.alloc(1000, 3));
  writeFileSync(join(dir, 'sub', 'tokenizer.json'), '{}');
  return dir;
}

async function signed() {
  const dir = modelDir();
  const k = keys();
  const bundle = JSON.stringify(await signModelDirectory(dir, k.priv));
  writeFileSync(join(dir, 'model.sig'), bundle);
  return { dir, k, bundle };
}

describe('OpenSSF model signing (Ed25519, DSSE, in-toto)', () => {
  it('PAE matches the DSSE spec example', () => {
    expect(
      preAuthEncoding('http://example.com/HelloWorld', Buffer.from('hello world')).toString(),
    ).toBe('DSSEv1 29 http://example.com/HelloWorld 11 hello world');
  });
  it('round trip verifies and the statement lists every file', async () => {
    const { dir, k, bundle } = await signed();
    const result = await verifyModelDirectory(dir, bundle, k.pub);
    expect(result.ok).toBe(true);
    if (result.ok) {
      expect(result.files).toBe(3);
      expect(result.statement.predicate.resources.map((r) => r.name)).toEqual([
        'config.json',
        'model.safetensors',
        'sub/tokenizer.json',
      ]);
      expect(result.statement.predicateType).toBe('https://model_signing/signature/v1.0');
    }
  });
  it('a modified file is named', async () => {
    const { dir, k, bundle } = await signed();
    writeFileSync(join(dir, 'sub', 'tokenizer.json'), '{"x":1}');
    const result = await verifyModelDirectory(dir, bundle, k.pub);
    expect(result.ok).toBe(false);
    if (!result.ok)
      expect(result.problems).toEqual([
        'sub/tokenizer.json: content differs from the signed digest',
      ]);
  });
  it('added and removed files are named', async () => {
    const { dir, k, bundle } = await signed();
    writeFileSync(join(dir, 'extra.bin'), 'x');
    rmSync(join(dir, 'config.json'));
    const result = await verifyModelDirectory(dir, bundle, k.pub);
    expect(!result.ok && result.problems).toEqual([
      'config.json: file is missing',
      'extra.bin: file is not covered by the signature',
    ]);
  });
  it('a symlink added after signing fails', async () => {
    const { dir, k, bundle } = await signed();
    symlinkSync('/etc/hostname', join(dir, 'link'));
    const result = await verifyModelDirectory(dir, bundle, k.pub);
    expect(result.ok).toBe(false);
  });
  it('wrong key, tampered payload and junk bundles fail', async () => {
    const { dir, bundle } = await signed();
    expect((await verifyModelDirectory(dir, bundle, keys().pub)).ok).toBe(false);
    const parsed = JSON.parse(bundle);
    const statement = JSON.parse(Buffer.from(parsed.dsseEnvelope.payload, 'base64').toString());
    statement.predicate.resources[0].digest = '00'.repeat(32);
    parsed.dsseEnvelope.payload = Buffer.from(JSON.stringify(statement)).toString('base64');
    const { k } = await signed();
    expect((await verifyModelDirectory(dir, JSON.stringify(parsed), k.pub)).ok).toBe(false);
    expect((await verifyModelDirectory(dir, 'not json', k.pub)).ok).toBe(false);
    expect((await verifyModelDirectory(dir, '{}', k.pub)).ok).toBe(false);
    expect((await verifyModelDirectory(dir, bundle, 'not a key')).ok).toBe(false);
  });
});

describe('Sigstore bundle verification (@sigstore/verify, offline)', () => {
  it('a key-signed model bundle verifies through @sigstore/verify, tampering fails', async () => {
    const { verifyModelSignature } = await import('../../src/integrity/model-signing.js');
    const { dir, k, bundle } = await signed();
    const ok = await verifyModelSignature(dir, bundle, { publicKeyPem: k.pub });
    expect(ok.ok).toBe(true);
    expect((await verifyModelSignature(dir, bundle, { publicKeyPem: keys().pub })).ok).toBe(false);
    writeFileSync(join(dir, 'config.json'), '{"a":2}');
    const tampered = await verifyModelSignature(dir, bundle, { publicKeyPem: k.pub });
    expect(!tampered.ok && tampered.problems).toEqual([
      'config.json: content differs from the signed digest',
    ]);
  });
  it('keyless verification against the vendored trusted root rejects a bundle without certificate or log entry', async () => {
    const { verifyModelSignature } = await import('../../src/integrity/model-signing.js');
    const { dir, bundle } = await signed();
    const result = await verifyModelSignature(dir, bundle, {
      identity: 'someone@example.com',
      issuer: 'https://accounts.google.com',
    });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problems[0]).toContain('Sigstore bundle verification failed');
  });
  it('the vendored trusted root parses and holds Fulcio and Rekor material', async () => {
    const { TrustedRoot } = await import('@sigstore/protobuf-specs');
    const { toTrustMaterial } = await import('@sigstore/verify');
    const root = (await import('../../src/integrity/sigstore-trusted-root.json')).default;
    const material = toTrustMaterial(TrustedRoot.fromJSON(root));
    expect(material.certificateAuthorities.length).toBeGreaterThan(0);
    expect(material.tlogs.length).toBeGreaterThan(0);
  });
});
