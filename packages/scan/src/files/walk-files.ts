import { lstatSync, readdirSync, readFileSync, statSync, type Dirent } from 'node:fs';
import { join } from 'node:path';
import ignore, { type Ignore } from 'ignore';
import type { RunNotice } from '@bulwark/core';

/** Options of `walkFiles`; patterns use .gitignore syntax relative to the root. */
export interface WalkOptions {
  include?: readonly string[];
  exclude?: readonly string[];
  /** Honour `.gitignore` files (root and nested). Default true. */
  gitignore?: boolean;
  /** Skip `.git`, `node_modules`, virtualenvs and caches. Default true. */
  defaultExcludes?: boolean;
  /** Stop after this many files (a notice says so). Default 200,000. */
  maxFiles?: number;
}

export interface WalkResult {
  /** Files relative to the root, forward slashes, sorted. */
  files: string[];
  notices: RunNotice[];
}

export const DEFAULT_EXCLUDES = [
  '.git/',
  'node_modules/',
  '.venv/',
  'venv/',
  '__pycache__/',
  '.tox/',
  '.mypy_cache/',
  '.pytest_cache/',
  '.next/',
  '.nuxt/',
  'site-packages/',
];

interface IgnoreLayer {
  prefix: string;
  matcher: Ignore;
}

/**
 * Lists the files under `root` the way git would see them: `.gitignore`
 * rules at every level, then bulwark.yaml include/exclude. Symbolic links to
 * directories are not followed (no loops); dangling or looping links and
 * unreadable directories become warnings, never exceptions.
 */
export function walkFiles(root: string, options: WalkOptions = {}): WalkResult {
  const files: string[] = [];
  const notices: RunNotice[] = [];
  const maxFiles = options.maxFiles ?? 200_000;
  const exclude = ignore().add([
    ...(options.defaultExcludes === false ? [] : DEFAULT_EXCLUDES),
    ...(options.exclude ?? []),
  ]);
  const include =
    options.include && options.include.length > 0 ? ignore().add([...options.include]) : undefined;
  const useGitignore = options.gitignore !== false;

  const ignored = (rel: string, isDir: boolean, layers: readonly IgnoreLayer[]): boolean => {
    const probe = isDir ? `${rel}/` : rel;
    if (exclude.ignores(probe)) return true;
    for (const layer of layers) {
      const local = probe.slice(layer.prefix.length);
      if (local !== '' && layer.matcher.ignores(local)) return true;
    }
    return false;
  };

  const visit = (dirRel: string, layers: readonly IgnoreLayer[]): void => {
    if (files.length >= maxFiles) return;
    const abs = dirRel === '' ? root : join(root, dirRel);
    let entries: Dirent[];
    try {
      entries = readdirSync(abs, { withFileTypes: true });
    } catch (error) {
      notices.push({
        level: 'warning',
        message: `Directory skipped: ${(error as NodeJS.ErrnoException).code ?? 'unreadable'}`,
        path: dirRel || '.',
      });
      return;
    }
    let current = layers;
    if (useGitignore && entries.some((e) => e.name === '.gitignore' && e.isFile())) {
      try {
        const matcher = ignore().add(readFileSync(join(abs, '.gitignore'), 'utf8'));
        current = [...layers, { prefix: dirRel === '' ? '' : `${dirRel}/`, matcher }];
      } catch {
        notices.push({
          level: 'warning',
          message: 'Unreadable .gitignore ignored',
          path: `${dirRel}/.gitignore`,
        });
      }
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      const rel = dirRel === '' ? entry.name : `${dirRel}/${entry.name}`;
      let isDir = entry.isDirectory();
      let isFile = entry.isFile();
      if (entry.isSymbolicLink()) {
        try {
          const target = statSync(join(root, rel));
          if (target.isDirectory()) {
            if (!ignored(rel, true, current))
              notices.push({
                level: 'note',
                message: 'Symbolic link to a directory not followed',
                path: rel,
              });
            continue;
          }
          isFile = target.isFile();
          isDir = false;
        } catch (error) {
          if (!ignored(rel, false, current)) {
            notices.push({
              level: 'warning',
              message: `Broken or looping symbolic link skipped (${(error as NodeJS.ErrnoException).code ?? 'error'})`,
              path: rel,
            });
          }
          continue;
        }
      }
      if (isDir) {
        if (!ignored(rel, true, current)) visit(rel, current);
      } else if (isFile) {
        if (ignored(rel, false, current)) continue;
        if (include && !include.ignores(rel)) continue;
        if (files.length >= maxFiles) {
          notices.push({
            level: 'warning',
            message: `File limit of ${maxFiles} reached; remaining files not scanned`,
          });
          return;
        }
        files.push(rel);
      }
    }
  };

  try {
    if (!lstatSync(root).isDirectory()) {
      return { files: [root.split(/[\\/]/).pop() ?? root], notices };
    }
  } catch (error) {
    notices.push({
      level: 'error',
      message: `Cannot read scan root (${(error as NodeJS.ErrnoException).code ?? 'error'})`,
      path: root,
    });
    return { files, notices };
  }
  visit('', []);
  return { files, notices };
}
