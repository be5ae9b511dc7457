import { spawnSync } from 'node:child_process';
import { BulwarkError } from '@bulwark/core';

const REF = /^[\w./~^@{}-]{1,200}$/;

/**
 * Files changed since `ref` (committed, staged, unstaged and untracked), for
 * `--changed-since`. Paths are relative to `root`. Throws a usage error when
 * the ref is malformed or git cannot resolve it.
 */
export function changedFilesSince(root: string, ref: string): Set<string> {
  if (!REF.test(ref) || ref.startsWith('-')) {
    throw new BulwarkError('USAGE', `Invalid git ref "${ref}" for --changed-since`, {
      hint: 'pass a branch, tag or commit, e.g. origin/main',
    });
  }
  const run = (args: string[]): string => {
    const result = spawnSync('git', args, {
      cwd: root,
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    });
    if (result.error || result.status !== 0) {
      throw new BulwarkError(
        'USAGE',
        `git ${args[0] ?? ''} failed for --changed-since ${ref}: ${(result.stderr || String(result.error ?? '')).trim().split('\n')[0] ?? ''}`,
        {
          hint: 'run inside a git work tree and fetch the ref first (actions/checkout with fetch-depth: 0)',
        },
      );
    }
    return result.stdout;
  };
  const out = new Set<string>();
  const add = (text: string): void => {
    for (const line of text.split('\0')) if (line !== '') out.add(line);
  };
  add(run(['diff', '--name-only', '-z', '--diff-filter=ACMRT', '--relative', ref, '--']));
  add(run(['ls-files', '-z', '--others', '--exclude-standard']));
  return out;
}
