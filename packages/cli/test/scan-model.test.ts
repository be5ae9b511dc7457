import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runBulwark } from './run-bulwark.js';

const EVIL = Buffer.from('\x80\x02cposix\nsystem\nX\x02\x00\x00\x00id\x85R.', 'latin1');
const BENIGN = Buffer.from('\x80\x02ccollections\nOrderedDict\n)R.', 'latin1');

function corpus(files: Record<string, Uint8Array>): string {
  const dir = mkdtempSync(join(tmpdir(), 'bulwark-cli-model-'));
  for (const [name, bytes] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), bytes);
  }
  return dir;
}

describe('bulwark scan model', () => {
  it('prints the per-file verdict document and exits 1 on malicious', () => {
    const dir = corpus({ 'a/evil.bin': EVIL, 'ok.pkl': BENIGN });
    const run = runBulwark(['scan', 'model', '.', '--format', 'json'], { cwd: dir });
    expect(run.code).toBe(1);
    const doc = JSON.parse(run.stdout) as {
      files: { path: string; verdict: string; format: string; findings: { ruleId: string }[] }[];
      summary: Record<string, number>;
    };
    const byPath = Object.fromEntries(doc.files.map((f) => [f.path, f]));
    expect(byPath['a/evil.bin']?.verdict).toBe('malicious');
    expect(byPath['a/evil.bin']?.findings[0]?.ruleId).toBe('pickle.dangerous-global');
    expect(byPath['ok.pkl']?.verdict).toBe('clean');
    expect(doc.summary['malicious']).toBe(1);
  });
  it('exits 0 on a clean directory and hashes with --hash', () => {
    const dir = corpus({ 'ok.pkl': BENIGN });
    const run = runBulwark(['scan', 'model', dir, '--format', 'json', '--hash']);
    expect(run.code).toBe(0);
    const doc = JSON.parse(run.stdout) as { files: { sha256: string }[] };
    expect(doc.files[0]?.sha256).toMatch(/^[0-9a-f]{64}$/);
  });
  it('inconclusive files give a non-zero exit', () => {
    const dir = corpus({ 'broken.pkl': Buffer.from([0x80, 0x02, 0xff]) });
    const run = runBulwark(['scan', 'model', dir, '--format', 'json']);
    expect(run.code).not.toBe(0);
    expect(JSON.parse(run.stdout).files[0].verdict).toBe('inconclusive');
  });
  it('a missing path is a clear error', () => {
    const run = runBulwark(['scan', 'model', '/nonexistent/models', '--format', 'json']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('not found');
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });
});
