import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runBulwark } from './run-bulwark.js';

describe('bulwark binary', () => {
  it('lists commands in --help', () => {
    const run = runBulwark(['--help']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('version');
    expect(run.stdout).toContain('Exit codes');
  });

  it('prints its version', () => {
    const run = runBulwark(['version', '--format', 'json']);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({
      version: expect.stringMatching(/^\d+\.\d+\.\d+/),
    });
  });

  it('rejects unknown commands and flags with exit 2 and one clear line', () => {
    for (const args of [['frobnicate'], ['version', '--bogus']]) {
      const run = runBulwark(args);
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(/^bulwark: error: unknown (command|option)/);
      expect(run.stderr).not.toMatch(/\n\s+at /);
    }
  });
});

describe('config loading', () => {
  it('reports malformed YAML with line and column and exit 2', async () => {
    const { resolveConfig } = await import('../src/config/load-config.js');
    const dir = mkdtempSync(join(tmpdir(), 'bulwark-config-'));
    writeFileSync(join(dir, 'bulwark.yaml'), 'version: 1\nscan:\n  include: [a, b\n  exclude: c\n');
    expect(() => resolveConfig(undefined, dir)).toThrowError(/bulwark\.yaml:\d+:\d+/);
  });

  it('reports unknown keys and wrong types at their position', async () => {
    const { resolveConfig } = await import('../src/config/load-config.js');
    const dir = mkdtempSync(join(tmpdir(), 'bulwark-config-'));
    writeFileSync(
      join(dir, 'bulwark.yaml'),
      'version: 1\nscan:\n  inclde: [a]\noutput:\n  failOn: severe\n',
    );
    try {
      resolveConfig(undefined, dir);
      expect.unreachable();
    } catch (error) {
      const text = (error as { describe(): string }).describe();
      expect(text).toMatch(/bulwark\.yaml:3:3: scan: Unrecognized key/);
      expect(text).toMatch(/bulwark\.yaml:5:11: output\.failOn/);
    }
  });

  it('finds bulwark.yaml upward and freezes the result', async () => {
    const { resolveConfig } = await import('../src/config/load-config.js');
    const dir = mkdtempSync(join(tmpdir(), 'bulwark-config-'));
    writeFileSync(join(dir, 'bulwark.yaml'), 'version: 1\noutput:\n  failOn: medium\n');
    const nested = join(dir, 'a', 'b');
    (await import('node:fs')).mkdirSync(nested, { recursive: true });
    const loaded = resolveConfig(undefined, nested);
    expect(loaded.path).toBe(join(dir, 'bulwark.yaml'));
    expect(loaded.config.output?.failOn).toBe('medium');
    expect(Object.isFrozen(loaded.config)).toBe(true);
  });

  it('reports a missing --config file', async () => {
    const { resolveConfig } = await import('../src/config/load-config.js');
    expect(() => resolveConfig('nope.yaml', tmpdir())).toThrowError(/Config file not found/);
  });
});
