import { createHash } from 'node:crypto';
import { createReadStream, lstatSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { BufferByteSource, FileByteSource, type ByteSource } from './byte-source.js';
import { verdictOf, type ArtifactReport } from './model-report.js';
import { DEFAULT_MODEL_SCAN_LIMITS, type ModelScanLimits } from './scan-limits.js';
import { incomplete, type ScanContext } from './scan-context.js';
import { scanSource } from './scan-source.js';

/** Options for `scanModelArtifacts`. */
export interface ModelScanOptions {
  limits?: Partial<ModelScanLimits>;
  /** Also stream a SHA-256 of every top-level file. */
  hash?: boolean;
  /** Directory relative paths are resolved against (default: process cwd). */
  cwd?: string;
}

export interface ModelScanResult {
  files: ArtifactReport[];
}

const MAX_FILES = 1_000_000;

/** Files under `path` (recursively, sorted, symlinked directories not followed). */
export function listArtifactFiles(path: string): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) =>
      a.name < b.name ? -1 : 1,
    )) {
      if (out.length >= MAX_FILES) return;
      const full = join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.isFile()) out.push(full);
      else if (entry.isSymbolicLink()) {
        try {
          if (statSync(full).isFile()) out.push(full);
        } catch {
          // Dangling link: nothing to scan.
        }
      }
    }
  };
  if (lstatSync(path).isDirectory()) walk(path);
  else out.push(path);
  return out;
}

/** Streams a SHA-256 of a file at disk speed. */
export function sha256File(path: string): Promise<string> {
  return new Promise((done, fail) => {
    const hash = createHash('sha256');
    createReadStream(path, { highWaterMark: 1 << 20 })
      .on('data', (chunk) => hash.update(chunk))
      .on('error', fail)
      .on('end', () => done(hash.digest('hex')));
  });
}

async function scanWith(
  open: () => ByteSource & { close?: () => void },
  name: string,
  displayPath: string,
  directory: string | undefined,
  options: ModelScanOptions,
): Promise<ArtifactReport> {
  const ctx: ScanContext = {
    limits: { ...DEFAULT_MODEL_SCAN_LIMITS, ...options.limits },
    issues: [],
    members: [],
    expandedBytes: 0,
    directory,
  };
  let format = 'unknown';
  let size = 0;
  let source: (ByteSource & { close?: () => void }) | undefined;
  try {
    source = open();
    size = source.size;
    format = await scanSource(source, undefined, name, 0, ctx);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    incomplete(ctx, undefined, `scan failed: ${message.slice(0, 300)}`);
  } finally {
    source?.close?.();
  }
  return {
    path: displayPath,
    format,
    verdict: verdictOf(ctx.issues),
    issues: ctx.issues,
    members: ctx.members,
    size,
  };
}

/** Scans bytes already in memory (an upload, a test fixture). */
export function scanModelBytes(
  bytes: Uint8Array,
  name: string,
  options: ModelScanOptions = {},
): Promise<ArtifactReport> {
  return scanWith(() => new BufferByteSource(bytes), name, name, undefined, options);
}

/** Scans one file on disk; `displayPath` is what reports call it. */
export async function scanModelFile(
  path: string,
  displayPath: string,
  options: ModelScanOptions = {},
): Promise<ArtifactReport> {
  const report = await scanWith(
    () => new FileByteSource(path),
    path.split(sep).pop() ?? path,
    displayPath,
    dirname(path),
    options,
  );
  if (options.hash === true) report.sha256 = await sha256File(path);
  return report;
}

/**
 * Scans files, directories (recursively) and archives for malicious model
 * artifacts. Paths are reported as given, joined with the relative path of
 * each file found under a directory.
 */
export async function scanModelArtifacts(
  paths: readonly string[],
  options: ModelScanOptions = {},
): Promise<ModelScanResult> {
  const cwd = options.cwd ?? process.cwd();
  const files: ArtifactReport[] = [];
  for (const given of paths) {
    const absolute = resolve(cwd, given);
    for (const file of listArtifactFiles(absolute)) {
      const rel = relative(absolute, file);
      const display = (rel === '' ? given : join(given, rel)).split(sep).join('/');
      files.push(await scanModelFile(file, display, options));
    }
  }
  return { files };
}
