import { generateKeyPairSync } from 'node:crypto';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runBulwark } from './run-bulwark.js';

describe('bulwark sign model / verify model', () => {
  it('round trip, then tampering fails with the file named', { timeout: 90_000 }, () => {
    const dir = mkdtempSync(join(tmpdir(), 'bulwark-cli-sign-'));
    const model = join(dir, 'model');
    const { privateKey, publicKey } = generateKeyPairSync('ed25519');
    writeFileSync(join(dir, 'key.pem'), privateKey.export({ type: 'pkcs8', format: 'pem' }));
    writeFileSync(join(dir, 'key.pub'), publicKey.export({ type: 'spki', format: 'pem' }));
    mkdirSync(model);
    writeFileSync(join(model, 'weights.bin'), 'abc');
    expect(runBulwark(['sign', 'model', 'model', '--key', 'key.pem'], { cwd: dir }).code).toBe(0);
    const ok = runBulwark(['verify', 'model', 'model', '--key', 'key.pub'], { cwd: dir });
    expect(ok.code).toBe(0);
    expect(ok.stdout).toContain('verified 1 files');
    writeFileSync(join(model, 'weights.bin'), 'abd');
    const bad = runBulwark(['verify', 'model', 'model', '--key', 'key.pub'], { cwd: dir });
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('weights.bin: content differs');
    const keyless = runBulwark(
      [
        'verify',
        'model',
        'model',
        '--identity',
        'a@example.com',
        '--issuer',
        'https://accounts.google.com',
      ],
      { cwd: dir },
    );
    expect(keyless.code).toBe(1);
    expect(keyless.stderr).toContain('Sigstore bundle verification failed');
    expect(runBulwark(['verify', 'model', 'model'], { cwd: dir }).code).toBe(2);
    const noKey = runBulwark(['sign', 'model', 'model', '--key', 'key.pub'], { cwd: dir });
    expect(noKey.code).toBe(2);
    expect(noKey.stderr).not.toMatch(/\n\s+at /);
  });
});
