import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const BIN = fileURLToPath(new URL('../bin/bulwark.js', import.meta.url));

export interface BulwarkRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the built `bulwark` binary as a user would. */
export function runBulwark(
  args: readonly string[],
  options: { cwd?: string; input?: string; env?: Record<string, string> } = {},
): BulwarkRun {
  const result = spawnSync(process.execPath, [BIN, ...args], {
    cwd: options.cwd,
    input: options.input ?? '',
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', GITHUB_STEP_SUMMARY: '', ...options.env },
    timeout: 60_000,
  });
  return { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}
