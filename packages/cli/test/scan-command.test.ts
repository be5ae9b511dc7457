import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runBulwark } from './run-bulwark.js';

const dir = mkdtempSync(join(tmpdir(), 'bulwark-scan-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const files: Record<string, string> = {
  'app/agent.py':
    'import os\nfrom openai import OpenAI\nclient = OpenAI(timeout=5)\nr = client.chat.completions.create(model="gpt-4o", messages=[], max_tokens=5)\nos.system(r.choices[0].message.content)\n',
  '.cursor/mcp.json': '{ "mcpServers": { "remote": { "url": "http://mcp.example.com/sse" } } }',
  'requirements.txt': 'openai==1.0.0\n',
  // A planted credential: the repo scanner uses the guard's own secret detectors.
  'config/settings.py': 'DB_URL = "postgres://app:S3cr3tPassw0rd!x@db.internal:5432/app"\n',
};
for (const [path, content] of Object.entries(files)) {
  mkdirSync(join(dir, path, '..'), { recursive: true });
  writeFileSync(join(dir, path), content);
}

interface JsonReport {
  command: string;
  findings: { ruleId: string; suppression?: unknown }[];
  notices: { message: string }[];
}

describe('bulwark scan', () => {
  it('bulwark scan . runs every scanner and fails on high findings', () => {
    const run = runBulwark(['scan', '.', '--format', 'json'], { cwd: dir });
    expect(run.code).toBe(1);
    const report = JSON.parse(run.stdout) as JsonReport;
    expect(report.command).toBe('scan');
    const rules = report.findings.map((f) => f.ruleId);
    expect(rules).toContain('ai.output.shell');
    expect(rules).toContain('mcp.plain-http');
    expect(rules.some((rule) => rule.startsWith('secret.'))).toBe(true);
    expect(run.stdout).not.toContain('S3cr3tPassw0rd');
    expect(report.notices.some((n) => n.message.startsWith('AI inventory:'))).toBe(true);
  });

  it('bulwark scan code . runs only code and config rules; --fail-on critical passes on high', () => {
    const run = runBulwark(['scan', 'code', '.', '--format', 'json', '--fail-on', 'critical'], {
      cwd: dir,
    });
    const report = JSON.parse(run.stdout) as JsonReport;
    expect(report.command).toBe('scan code');
    expect(report.notices.some((n) => n.message.startsWith('AI inventory:'))).toBe(false);
    expect(run.code).toBe(report.findings.some((f) => f.ruleId === 'ai.output.shell') ? 1 : 0);
  });

  it('writes a baseline and then reports only new findings', () => {
    const write = runBulwark(
      ['scan', 'code', '.', '--format', 'json', '--write-baseline', 'base.json'],
      { cwd: dir },
    );
    expect(write.stderr).toMatch(/baseline with \d+ findings written/);
    expect(JSON.parse(readFileSync(join(dir, 'base.json'), 'utf8'))).toMatchObject({ version: 1 });
    const again = runBulwark(['scan', 'code', '.', '--format', 'json', '--baseline', 'base.json'], {
      cwd: dir,
    });
    expect(again.code).toBe(0);
    expect((JSON.parse(again.stdout) as JsonReport).findings).toEqual([]);
    rmSync(join(dir, 'base.json'));
  });

  it('bulwark scan inventory --format json prints the inventory', () => {
    const run = runBulwark(['scan', 'inventory', '.', '--format', 'json'], { cwd: dir });
    expect(run.code).toBe(0);
    const inventory = JSON.parse(run.stdout) as {
      dependencies: { name: string }[];
      mcpServers: { name: string }[];
    };
    expect(inventory.dependencies.map((d) => d.name)).toEqual(['openai']);
    expect(inventory.mcpServers.map((s) => s.name)).toEqual(['remote']);
    const text = runBulwark(['scan', 'inventory', '.'], { cwd: dir });
    expect(text.stdout).toMatch(/AI attack surface/);
  });

  it('gives precise usage errors', () => {
    const missing = runBulwark(['scan', 'code', 'no-such-dir'], { cwd: dir });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/does not exist/);
    const badBaseline = runBulwark(['scan', '.', '--baseline', 'nope.json'], { cwd: dir });
    expect(badBaseline.code).toBe(2);
    expect(badBaseline.stderr).toMatch(/Baseline .*nope\.json cannot be read/);
    const badFlag = runBulwark(['scan', 'code', '.', '--bogus'], { cwd: dir });
    expect(badFlag.code).toBe(2);
    expect(badFlag.stderr).not.toMatch(/\n\s+at /);
  });
});
