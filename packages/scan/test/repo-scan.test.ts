import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Detection } from '@bulwark/core';
import {
  createBaseline,
  filterBaseline,
  runScan,
  walkFiles,
  type RunScanOptions,
} from '../src/index.js';

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

function repo(files: Record<string, string | Buffer>): string {
  const dir = mkdtempSync(join(tmpdir(), 'bulwark-repo-'));
  dirs.push(dir);
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), content);
  }
  return dir;
}

function git(dir: string, ...args: string[]): string {
  return execFileSync(
    'git',
    ['-c', 'user.email=t@example.com', '-c', 'user.name=t', '-c', 'commit.gpgsign=false', ...args],
    { cwd: dir, encoding: 'utf8' },
  );
}

const base = (
  root: string,
  scanners: string[],
  extra: Partial<RunScanOptions> = {},
): RunScanOptions => ({
  root,
  scanners,
  command: 'scan',
  tool: { name: 'bulwark', version: 'test' },
  ...extra,
});

const VULN =
  'import os\nfrom openai import OpenAI\nclient = OpenAI(timeout=5)\nr = client.chat.completions.create(model="gpt-4o", messages=[], max_tokens=5)\nos.system(r.choices[0].message.content)\n';

/** A test detector for a fake token format; the real one is the guard's detectSecrets. */
const FAKE_TOKEN = /bwk_test_[A-Za-z0-9]{20}/g;
function fakeDetector(text: string): Detection[] {
  return [...text.matchAll(FAKE_TOKEN)].map((m) => ({
    detector: 'secrets',
    category: 'secret',
    type: 'secret.bulwark_test_token',
    score: 1,
    severity: 'high',
    start: m.index,
    end: m.index + m[0].length,
    refs: ['LLM02:2025'],
    message: 'Bulwark test token',
  }));
}

describe('file walking', () => {
  it('honours nested .gitignore, include/exclude and default excludes', () => {
    const dir = repo({
      '.gitignore': 'build/\n*.log\n',
      'src/.gitignore': 'generated.py\n',
      'src/app.py': 'x=1',
      'src/generated.py': 'x=1',
      'build/out.py': 'x=1',
      'debug.log': 'x',
      'node_modules/pkg/index.js': 'x',
      'tests/test_app.py': 'x',
    });
    expect(walkFiles(dir).files).toEqual([
      '.gitignore',
      'src/.gitignore',
      'src/app.py',
      'tests/test_app.py',
    ]);
    expect(walkFiles(dir, { exclude: ['tests/'] }).files).not.toContain('tests/test_app.py');
    expect(walkFiles(dir, { include: ['src/**'] }).files).toEqual(['src/.gitignore', 'src/app.py']);
  });

  it('skips symlink loops, broken links, binary .py, oversized and unreadable files with notices', async () => {
    const dir = repo({
      'ok.py': VULN,
      'binary.py': Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0, 0, 1, 2]),
      'big.min.js': `// openai\n${'a'.repeat(3 * 1024 * 1024)}`,
      'broken.py': 'def f(:\n  import openai\n  eval(',
    });
    symlinkSync(dir, join(dir, 'loop'));
    symlinkSync(join(dir, 'missing'), join(dir, 'dangling.py'));
    symlinkSync(join(dir, 'self-a'), join(dir, 'self-b'));
    symlinkSync(join(dir, 'self-b'), join(dir, 'self-a'));
    writeFileSync(join(dir, 'secret.py'), 'import openai');
    chmodSync(join(dir, 'secret.py'), 0o000);
    const { report } = await runScan(base(dir, ['code', 'configs']));
    const messages = report.notices.map((n) => `${n.path ?? ''}: ${n.message}`).join('\n');
    expect(messages).toMatch(/loop: Symbolic link to a directory not followed/);
    expect(messages).toMatch(/dangling\.py: Broken or looping symbolic link/);
    expect(messages).toMatch(/self-a: Broken or looping symbolic link/);
    expect(messages).toMatch(/binary\.py: File skipped: binary content/);
    expect(messages).toMatch(/big\.min\.js: File skipped: \d+ bytes exceeds/);
    expect(messages).toMatch(/broken\.py: Syntax errors/);
    if (process.getuid?.() !== 0) expect(messages).toMatch(/secret\.py: File skipped: EACCES/);
    expect(
      report.findings.some(
        (f) =>
          f.ruleId === 'ai.output.shell' &&
          f.location.kind === 'file' &&
          f.location.path === 'ok.py',
      ),
    ).toBe(true);
  });
});

describe('suppressions and baselines', () => {
  it('honours bulwark-ignore with a reason and ignores it without one', async () => {
    const withReason = VULN.replace(
      'os.system(',
      '# bulwark-ignore: ai.output.shell sandboxed runner, reviewed 2026-01\nos.system(',
    );
    const noReason = VULN.replace('os.system(', '# bulwark-ignore: ai.output.shell\nos.system(');
    const dir = repo({ 'a.py': withReason, 'b.py': noReason });
    const { report } = await runScan(base(dir, ['code']));
    const a = report.findings.find(
      (f) =>
        f.ruleId === 'ai.output.shell' && f.location.kind === 'file' && f.location.path === 'a.py',
    );
    const b = report.findings.find(
      (f) =>
        f.ruleId === 'ai.output.shell' && f.location.kind === 'file' && f.location.path === 'b.py',
    );
    expect(a?.suppression).toEqual({
      kind: 'inline',
      reason: 'sandboxed runner, reviewed 2026-01',
    });
    expect(b?.suppression).toBeUndefined();
    expect(report.notices.some((n) => n.path === 'b.py' && /no reason/.test(n.message))).toBe(true);
  });

  it('reports only new findings against a baseline, stable across line shifts', async () => {
    const dir = repo({ 'a.py': VULN });
    const first = await runScan(base(dir, ['code']));
    const baseline = new Set(
      createBaseline(first.report.findings).findings.map((f) => f.fingerprint),
    );
    writeFileSync(
      join(dir, 'a.py'),
      `# moved down\n\n${VULN}import pickle\npickle.load(open("m.pkl", "rb"))\n`,
    );
    const second = await runScan(base(dir, ['code'], { baseline }));
    expect(second.report.findings.map((f) => f.ruleId)).toEqual(['ai.model.pickle-load']);
    expect(filterBaseline(first.report.findings, baseline).fresh).toEqual([]);
  });
});

describe('git-aware scans', () => {
  it('--changed-since scans only changed and untracked files; bad refs are usage errors', async () => {
    const dir = repo({ 'old.py': VULN });
    git(dir, 'init', '-q');
    git(dir, 'add', '-A');
    git(dir, 'commit', '-qm', 'one');
    writeFileSync(join(dir, 'new.py'), VULN);
    const { report } = await runScan(base(dir, ['code'], { changedSince: 'HEAD' }));
    expect(report.targets).toEqual(['new.py']);
    await expect(runScan(base(dir, ['code'], { changedSince: '--output=x' }))).rejects.toThrow(
      /Invalid git ref/,
    );
    await expect(runScan(base(dir, ['code'], { changedSince: 'no-such-branch' }))).rejects.toThrow(
      /failed for --changed-since/,
    );
  });

  it('finds secrets in files and in history with commit and author date', async () => {
    const token = `bwk_test_${'A1b2C3d4E5'.repeat(2)}`;
    const dir = repo({ 'config.py': `TOKEN = "${token}"\n`, 'README.md': 'hello\n' });
    git(dir, 'init', '-q');
    git(dir, 'add', '-A');
    git(dir, 'commit', '-qm', 'add token');
    writeFileSync(join(dir, 'config.py'), 'import os\nTOKEN = os.environ["TOKEN"]\n');
    git(dir, 'commit', '-qam', 'remove token');
    const now = await runScan(
      base(dir, ['secrets'], { scannerOptions: { detectSecrets: fakeDetector } }),
    );
    expect(now.report.findings).toEqual([]);
    const history = await runScan(
      base(dir, ['secrets'], { scannerOptions: { detectSecrets: fakeDetector, history: true } }),
    );
    expect(history.report.findings).toHaveLength(1);
    const finding = history.report.findings[0];
    expect(finding?.ruleId).toBe('secret.bulwark_test_token');
    expect(finding?.location).toMatchObject({
      kind: 'file',
      path: 'config.py',
      region: { startLine: 1 },
    });
    expect(finding?.properties).toMatchObject({
      source: 'git-history',
      commit: expect.stringMatching(/^[0-9a-f]{40}$/),
      authorDate: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
    });
    expect(JSON.stringify(history.report)).not.toContain(token);
  });

  it('reports .env files only when git tracks them', async () => {
    const dir = repo({ '.env': 'OPENAI_API_KEY=sk-abc\n', 'app.py': 'x = 1\n' });
    git(dir, 'init', '-q');
    git(dir, 'add', 'app.py');
    git(dir, 'commit', '-qm', 'app');
    expect((await runScan(base(dir, ['configs']))).report.findings).toEqual([]);
    git(dir, 'add', '.env');
    const { report } = await runScan(base(dir, ['configs']));
    expect(report.findings.map((f) => f.ruleId)).toEqual(['config.env-file-committed']);
  });
});

describe('single files', () => {
  it('scans a file path as the only file of its directory', async () => {
    const dir = repo({ 'a.py': VULN, 'b.py': VULN });
    const { report } = await runScan(base(join(dir, 'a.py'), ['code']));
    expect(report.targets).toEqual(['a.py']);
    expect(report.findings.map((f) => f.ruleId)).toContain('ai.output.shell');
  });
});
